import { describe, expect, it } from "vitest";
import { compileMatcher } from "../../src/matcher/compile-matcher.js";
import { findUnnegated, preferOwnLanguage } from "../../src/matcher/find-concepts.js";
import { tokenize } from "../../src/matcher/normalize.js";
import { realKnowledge } from "../support/knowledge.js";

describe("findUnnegated", () => {
  // Forty phrases that share their first word ("zork"), so that they are grouped by their second
  // word, and a few with a gap and one-word keywords beside them.
  const knowledge = realKnowledge();
  const en = knowledge.languages.get("en")!;
  const phrases = Array.from({ length: 40 }, (_, i) => `zork word${i}`);
  const concepts = {
    ...en.concepts,
    zork_one: ["zork", ...phrases.slice(0, 20)],
    zork_two: [...phrases.slice(20), "zork ... finale", "word3"],
  };
  const matcher = compileMatcher({
    ...knowledge,
    languages: new Map([...knowledge.languages, ["en", { ...en, concepts }]]),
  });
  const found = (text: string) =>
    findUnnegated(matcher, tokenize(text))
      .filter((o) => o.concept.startsWith("zork"))
      .map((o) => `${o.concept}@${o.start}-${o.end}`);

  it("finds every phrase of a large group, in word order and the files' order", () => {
    expect(found("zork word3 then zork word25 and zork finale")).toEqual([
      "zork_one@0-0",
      "zork_one@0-1",
      "zork_two@0-7",
      "zork_two@1-1",
      "zork_one@3-3",
      "zork_two@3-4",
      "zork_two@3-7",
      "zork_one@6-6",
      "zork_two@6-7",
    ]);
  });

  it("finds nothing of the group where no second word follows", () => {
    expect(found("word25 zork")).toEqual(["zork_one@1-1"]);
  });

  it("finds a keyword written twice (with and without accents) once", () => {
    const twice = compileMatcher({
      ...knowledge,
      languages: new Map([
        ...knowledge.languages,
        [
          "en",
          { ...en, concepts: { ...en.concepts, zork_one: ["zörk", "zork", "zork", "zork ... finale"] } },
        ],
      ]),
    });
    const zorks = (text: string) =>
      findUnnegated(twice, tokenize(text))
        .filter((o) => o.concept === "zork_one")
        .map((o) => `${o.start}-${o.end}`);
    expect(zorks("zork finale")).toEqual(["0-0", "0-1"]);
  });
});

describe("preferOwnLanguage", () => {
  const matcher = compileMatcher(realKnowledge());
  const platforms = ["facebook", "instagram", "other_meta"];
  const read = (text: string, language: string) => [
    ...new Set(
      preferOwnLanguage(findUnnegated(matcher, tokenize(text)), language, platforms)
        .filter((o) => platforms.includes(o.concept))
        .map((o) => o.concept),
    ),
  ];

  it("reads 'whats' as English 'what's' in an English post, as WhatsApp in a Portuguese one", () => {
    expect(findUnnegated(matcher, tokenize("whats the deadline")).map((o) => o.concept)).toContain(
      "other_meta",
    );
    expect(read("whats the deadline", "en")).toEqual([]);
    expect(read("me manda o link do whats", "pt")).toEqual(["other_meta"]);
    // A platform the post's own language has no other reading of stays: "whatsapp" is WhatsApp.
    expect(read("and whatsapp?", "en")).toEqual(["other_meta"]);
  });
});
