import { describe, expect, it } from "vitest";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { checkTextFit } from "../../src/profile/text-fit.js";
import { DEFAULT_REPLY_LIMITS } from "../../src/replies/compose-reply.js";
import { realKnowledge } from "../support/knowledge.js";

const knowledge = realKnowledge();

describe("checkTextFit", () => {
  it("finds every real answer fitting one post, notes included", () => {
    expect(checkTextFit(knowledge, DEFAULT_REPLY_LIMITS).answersSplit).toEqual([]);
  });

  it("checks an answer with the notes it can carry: a long note splits the form answers", () => {
    const de = knowledge.languages.get("de")!;
    const longNote: Knowledge = {
      ...knowledge,
      languages: new Map([
        ...knowledge.languages,
        ["de", { ...de, notes: { ...de.notes, no_form: "Lang. ".repeat(60) } }],
      ]),
    };
    const split = checkTextFit(longNote, DEFAULT_REPLY_LIMITS).answersSplit;
    expect(split).toContainEqual(expect.stringMatching(/^de form_facebook \(/));
    expect(split).toContainEqual(expect.stringMatching(/^de form_instagram \(/));
    expect(split.filter((s) => !s.startsWith("de form_"))).toEqual([]);
  });
});
