import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { REPLY_SEPARATOR, runLocalMode } from "../../src/app/local-mode.js";
import { FAVOURITE_LINE } from "../../src/app/local-session.js";
import { mentionsIn } from "../policy/mention-fixture.js";
import { realKnowledge, realMatcher } from "../support/knowledge.js";
import { openTestStore } from "../support/test-store.js";

const knowledge = realKnowledge();
const matcher = realMatcher();
const campaign = knowledge.campaigns[0]!;
const BEFORE = new Date("2025-05-23T10:00:00+02:00");

async function run(text: string, options: { tty?: boolean; maxCharacters?: number } = {}) {
  const input = Object.assign(new PassThrough(), { isTTY: options.tty });
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  input.end(text);
  const count = await runLocalMode({
    input,
    output,
    knowledge,
    matcher,
    store: openTestStore(),
    now: () => BEFORE,
    ...(options.maxCharacters === undefined ? {} : { limits: { maxCharacters: options.maxCharacters } }),
  });
  return { count, text: chunks.join("") };
}

describe("runLocalMode", () => {
  it("prints the replies to three piped lines, separated, and ends with the input", async () => {
    const { count, text } = await run(
      "Wo widerspreche ich bei Instagram?\nDanke dir!\nWeißt du, wie das Wetter morgen wird?\n",
    );
    expect(count).toBe(3);
    const replies = text.trimEnd().split(`\n${REPLY_SEPARATOR}\n`);
    expect(replies).toHaveLength(3);

    expect(replies[0]!.startsWith("@local ")).toBe(true);
    expect(replies[0]).toContain(campaign.forms.instagram);
    expect(replies[0]).not.toContain(campaign.forms.facebook);
    expect(mentionsIn(replies[0]!)).toEqual(["local"]);

    expect(replies[1]).toBe(FAVOURITE_LINE);

    expect(replies[2]).toBe(`@local ${knowledge.languages.get("de")!.fallback}`);
  });

  it("answers in English and phrases the deadline for the injected day", async () => {
    const { text } = await run("Until when can I object?");
    expect(text).toContain("3 days left: you can object until Monday, 26 May 2025.");
    expect(text).toMatch(/^@local /);
    expect(text).not.toContain("> ");
  });

  it("prints a thread's posts split by a ~~~ line, each as it would be posted", async () => {
    const { text } = await run(
      "Wo finde ich die Formulare für Facebook und Instagram und bis wann geht das?",
      {
        maxCharacters: 200,
      },
    );
    const thread = text.trimEnd().split("\n~~~\n");
    expect(thread.length).toBeGreaterThan(1);
    thread.forEach((post, i) => {
      expect(post.startsWith("@local ")).toBe(true);
      expect(post.endsWith(`${i + 1}/${thread.length}`)).toBe(true);
    });
    expect(text).toContain(campaign.forms.facebook);
    expect(text).toContain(campaign.forms.instagram);
  });

  it("skips blank lines and prints nothing for empty input", async () => {
    expect(await run("\n  \n")).toEqual({ count: 0, text: "" });
  });

  it("shows a prompt only on a terminal", async () => {
    const { text } = await run("Danke!\n", { tty: true });
    expect(text).toContain("> ");
    expect(text).toContain(FAVOURITE_LINE);
  });
});
