import { describe, expect, it } from "vitest";
import type { Occurrence } from "../../src/matcher/find-concepts.js";
import { tokenize } from "../../src/matcher/normalize.js";
import { askedName, placedConcepts } from "../../src/matcher/placed-concepts.js";

/** Occurrences of single words, as the keyword finder would give them. */
function found(text: string, concepts: Record<string, string>) {
  const tokens = tokenize(text);
  const occurrences: Occurrence[] = tokens.words.flatMap((word, i) =>
    concepts[word] === undefined
      ? []
      : [{ concept: concepts[word]!, start: i, end: i, language: null, file: "de" }],
  );
  return { tokens, occurrences };
}

const CONCEPTS = { facebook: "facebook", insta: "instagram", widerspreche: "object", wie: "how" };

describe("placedConcepts: where a post's concepts stand, for the model", () => {
  it("marks each concept by whether a question mark ends its sentence, and pairs those of one question", () => {
    const { tokens, occurrences } = found(
      "Facebook hab ich schon. Wie widerspreche ich bei Insta?",
      CONCEPTS,
    );
    expect(placedConcepts(tokens, occurrences).sort()).toEqual(
      [
        "stated.facebook",
        "asked.how",
        "asked.object",
        "asked.instagram",
        "paired.how+object",
        "paired.how+instagram",
        "paired.instagram+object",
      ].sort(),
    );
  });

  it("pairs no concepts of two different questions", () => {
    const { tokens, occurrences } = found("Wie bei Facebook? Und Insta?", CONCEPTS);
    const placed = placedConcepts(tokens, occurrences);
    expect(placed).toContain("paired.facebook+how");
    expect(placed.filter((c) => c.includes("instagram+") || c.includes("+instagram"))).toEqual([]);
  });

  it("gives nothing for a post without a question mark, and each name once", () => {
    const plain = found("Facebook und Insta, wie widerspreche ich", CONCEPTS);
    expect(placedConcepts(plain.tokens, plain.occurrences)).toEqual([]);
    const twice = found("Facebook? Facebook?", CONCEPTS);
    expect(placedConcepts(twice.tokens, twice.occurrences)).toEqual(["asked.facebook"]);
    expect(askedName("facebook")).toBe("asked.facebook");
  });
});
