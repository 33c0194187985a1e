import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { configWithFixtureLanguages } from "../support/config-copy.js";
import { repliesTo, useLiveBots } from "./live-harness.js";

const INSTAGRAM_FORM = "https://help.instagram.com/contact/767264225370182";
const live = useLiveBots();
// config/ plus test/fixtures/lang (fr, pl) until the real files land in config/lang.
const configDir = configWithFixtureLanguages();
const knowledge = loadKnowledge(defaultKnowledgePaths(configDir));
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

describe("the live bot answers each language in its own", () => {
  it.each([
    ["fr", "où est le formulaire pour Instagram ?"],
    ["pl", "gdzie jest formularz sprzeciwu dla Instagrama?"],
  ])("a %s mention gets a %s reply with the form", async (language, question) => {
    const fake = await live.fake();
    const asker = fake.addAccount({ username: `asker_${language}` });
    await live.bot(fake, {}, { configDir });
    // Tagged English on purpose: the words decide, the client's tag is only a hint.
    const { status } = fake.mention(asker, question, { language: "en" });
    const [reply] = await repliesTo(fake, status.id);
    expect(reply!.language).toBe(language);
    expect(reply!.text).toContain(INSTAGRAM_FORM);
    // The opening words of the language file's Instagram answer, whatever day it is.
    const answer = knowledge.languages.get(language)!.answers.form_instagram;
    const texts = typeof answer === "string" ? [answer] : Object.values(answer);
    const firstWords = texts.map((t) => t.split(/[{:]/)[0]!.trim().slice(0, 20));
    expect(firstWords.some((w) => reply!.text.includes(w))).toBe(true);
  });
});
