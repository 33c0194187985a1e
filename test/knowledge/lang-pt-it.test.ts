import { describe, expect, it } from "vitest";
import type { Intent } from "../../src/domain/intent.js";
import { classify } from "../../src/matcher/classify.js";
import { mentionHtml, realMatcher } from "../support/knowledge.js";

/** "What can you do?" in the wordings Portuguese and Italian writers use, not only "o que sabes fazer". */
const HELP: Record<"pt" | "it", [string, Intent[]][]> = {
  pt: [
    ["e tu, que fazes ao certo?", ["help"]],
    ["olá bot, o que vc sabe?", ["help"]],
    ["o que é que você sabe responder, afinal?", ["help"]],
  ],
  it: [
    ["ehi bot, che sai fare di preciso?", ["help"]],
    ["cosa sai, esattamente?", ["help"]],
  ],
};

describe.each(["pt", "it"] as const)("%s: asking what the bot can do", (language) => {
  it.each(HELP[language])("understands %j", (text, intents) => {
    const found = classify(realMatcher(), { content: mentionHtml(text), language: null });
    expect([...found.intents].sort()).toEqual([...intents].sort());
  });
});
