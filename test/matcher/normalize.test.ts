import { describe, expect, it } from "vitest";
import { foldText, MAX_TOKENS, tokenize } from "../../src/matcher/normalize.js";

describe("foldText", () => {
  it("spells out German umlauts and ß", () => {
    expect(foldText("Löschen ÄRGER Grüße Straße")).toBe("loeschen aerger gruesse strasse");
  });

  it("drops other accents and applies NFKC", () => {
    expect(foldText("Café ｉｎｓｔａ ﬁn")).toBe("cafe insta fin");
    expect(foldText("Œuvre manœuvre")).toBe("oeuvre manoeuvre"); // as people type it without the ligature
  });

  it("repairs lone surrogates instead of throwing", () => {
    expect(() => foldText("a\ud800b")).not.toThrow();
    expect(foldText("a\ud800b")).toBe("a\ufffdb");
  });
});

describe("tokenize", () => {
  it("splits words, counts question marks and numbers clauses", () => {
    const t = tokenize("Wie geht's? Und bis wann!");
    expect(t.words).toEqual(["wie", "geht", "s", "und", "bis", "wann"]);
    expect(t.questionMarks).toBe(1);
    expect(t.clauses[0]).toBe(t.clauses[2]);
    expect(t.clauses[3]).toBeGreaterThan(t.clauses[2]!);
  });

  it("ends a clause at a plus that lists questions, not inside a word", () => {
    const t = tokenize("IG form + deadline + does a story post count");
    expect(t.words).toEqual(["ig", "form", "deadline", "does", "a", "story", "post", "count"]);
    expect(new Set(t.clauses).size).toBe(3);
    expect(t.clauses[1]).toBeLessThan(t.clauses[2]!);
  });

  it("counts the Greek and Arabic question marks, not a semicolon after a Latin word", () => {
    // U+037E, the Greek question mark, folds to ";" (NFKC); people also type ";" itself.
    expect(tokenize("Πού είναι η φόρμα για το Facebook\u037e").questionMarks).toBe(1);
    expect(tokenize("ποιος ο σκοπός; Ευχαριστώ").questionMarks).toBe(1);
    expect(tokenize("ما هي البيانات المستخدمة\u061f").questionMarks).toBe(1);
    expect(tokenize("Erledigt; danke. Done; thanks").questionMarks).toBe(0);
    // A Greek word in a German post does not make its semicolons questions.
    expect(tokenize("Urlaub in Ελλάδα; Facebook-Formular ausgefüllt; danke").questionMarks).toBe(0);
    const t = tokenize("Αξίζει; Ναι");
    expect(t.sentences[1]).toBeGreaterThan(t.sentences[0]!);
  });

  it("notes the sentences that a question mark ends, each once", () => {
    const t = tokenize("Hi. Wo ist das Formular?? Und bis wann?! Danke.");
    expect(t.questionMarks).toBe(3);
    expect(t.questions).toEqual([t.sentences[1], t.sentences[5]]);
    expect(tokenize("? Nur ein Fragezeichen vorne.").questions).toEqual([]);
    expect(tokenize("Nix gefragt.").questions).toEqual([]);
    // An opening "¿" ends the sentence before it, which asks nothing.
    const es = tokenize("Quiero objetar en Instagram ¿dónde está el formulario?");
    expect(es.questions).toEqual([es.sentences.at(-1)]);
  });

  it("counts an emoji question mark, alone or in a run of emoji, and not another emoji", () => {
    expect(tokenize("\u{1f916}\u2753").questionMarks).toBe(1);
    const t = tokenize("\u23f0\u2754 noch Zeit zum Widersprechen");
    expect(t.questionMarks).toBe(1);
    expect(t.words).toEqual(["noch", "zeit", "zum", "widersprechen"]);
    expect(tokenize("Formular ausgef\u00fcllt \u{1f389}\u2757").questionMarks).toBe(0);
  });

  it("ignores URLs and @handles in plain text", () => {
    expect(tokenize("@optout@social.example schau https://x.example/insta").words).toEqual(["schau"]);
  });

  it("caps the number of words read", () => {
    expect(tokenize("wort ".repeat(10_000)).words).toHaveLength(MAX_TOKENS);
  });
});
