import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { classifyLine } from "../../src/cli/classify-command.js";
import { mentionHtml, realMatcher } from "../support/knowledge.js";

describe("classifyLine", () => {
  const matcher = realMatcher();

  it("answers a mention with its intents and language", () => {
    const line = JSON.stringify({ content: mentionHtml("wie widerspreche ich bei insta?"), language: "de" });
    expect(JSON.parse(classifyLine(matcher, line))).toEqual({ intents: ["form_instagram"], language: "de" });
  });

  it.each([
    ["not JSON", "{nope"],
    ["an array", "[1,2]"],
    ["content missing", '{"language":"de"}'],
    ["language a number", '{"content":"x","language":5}'],
  ])("gives an error line for %s", (_name, line) => {
    expect(JSON.parse(classifyLine(matcher, line))).toEqual({ error: expect.any(String) });
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
