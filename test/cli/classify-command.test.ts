import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { classifyLine } from "../../src/cli/classify-command.js";
import { classify } from "../../src/matcher/classify.js";
import { mentionHtml, realMatcher } from "../support/knowledge.js";

describe("classifyLine", () => {
  const matcher = realMatcher();

  it("answers a mention with its intents and language", () => {
    const line = JSON.stringify({ content: mentionHtml("wie widerspreche ich bei insta?"), language: "de" });
    expect(JSON.parse(classifyLine(matcher, line))).toEqual({ intents: ["form_instagram"], language: "de" });
  });

  it("says with --replies whether the bot would write at all: an answer or its menu, not for thanks", () => {
    const reply = (text: string) =>
      JSON.parse(
        classifyLine(matcher, JSON.stringify({ content: mentionHtml(text), language: "de" }), {
          replies: true,
        }),
      );
    expect(reply("wie widerspreche ich bei insta?")).toMatchObject({ text_reply: true });
    expect(reply("Danke dir, hat super geklappt!")).toEqual({
      intents: ["thanks"],
      language: "de",
      text_reply: false,
    });
    // No topic found, but asked: the topic menu goes out, and the contract names it `help`.
    const menu = "Was genau machst du eigentlich?";
    expect(classify(matcher, { content: mentionHtml(menu), language: "de" })).toMatchObject({
      asked: true,
      intents: [],
    });
    expect(reply(menu)).toEqual({ intents: ["help"], language: "de", text_reply: true });
    const bare = JSON.parse(
      classifyLine(matcher, JSON.stringify({ content: mentionHtml("hilfe"), language: "de" })),
    );
    expect(bare).not.toHaveProperty("text_reply");
  });

  it.each([
    ["not JSON", "{nope"],
    ["an array", "[1,2]"],
    ["content missing", '{"language":"de"}'],
    ["language a number", '{"content":"x","language":5}'],
    ["parent not an object", '{"content":"x","language":null,"parent":"y"}'],
    ["parent content missing", '{"content":"x","language":null,"parent":{"from_bot":true}}'],
    ["parent from_bot a string", '{"content":"x","language":null,"parent":{"content":"y","from_bot":"yes"}}'],
  ])("gives an error line for %s", (_name, line) => {
    expect(JSON.parse(classifyLine(matcher, line))).toEqual({ error: expect.any(String) });
  });
});

describe("classifyLine with a parent", () => {
  const matcher = realMatcher();
  const under = (text: string, parent: string, fromBot: boolean) =>
    JSON.parse(
      classifyLine(
        matcher,
        JSON.stringify({
          content: mentionHtml(text),
          language: null,
          parent: { content: `<p>${parent}</p>`, language: null, from_bot: fromBot },
        }),
      ),
    ).intents;

  it("carries the parent's topic over to a follow-up", () => {
    const facebookForm = "Für Facebook: https://www.facebook.com/help/contact/6359191084165019";
    expect(under("und bei Insta?", facebookForm, true)).toEqual(["form_instagram"]);
    expect(under("what about WhatsApp?", "You can object on Facebook here: the form", true)).toEqual([
      "form_facebook",
      "form_instagram",
    ]);
    expect(under("what about WhatsApp?", "Fediverse alternatives: Instagram → Pixelfed", true)).toEqual([
      "alternatives",
    ]);
    expect(under("und warum überhaupt?", "Meta nutzt öffentliche Beiträge für die KI.", true)).toEqual([
      "purpose",
    ]);
  });

  it("judges the mention alone without a parent", () => {
    expect(
      JSON.parse(
        classifyLine(
          matcher,
          JSON.stringify({ content: mentionHtml("und warum überhaupt?"), language: null }),
        ),
      ).intents,
    ).toEqual([]);
  });
});

describe("npm run cli -- classify", () => {
  it("writes exactly one JSON line per input line, and only JSON on stdout", () => {
    const input = [
      JSON.stringify({ content: mentionHtml("Link für FB bitte"), language: null }),
      "kaputt",
      JSON.stringify({ content: mentionHtml("thanks!"), language: "en" }),
    ].join("\n");
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "classify"], {
      input: `${input}\n`,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { intents: ["form_facebook"], language: "de" },
      { error: expect.stringContaining("not valid JSON") },
      { intents: ["thanks"], language: "en" },
    ]);
  });
});
