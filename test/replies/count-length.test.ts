import { describe, expect, it } from "vitest";
import {
  countGraphemes,
  countLength,
  findUrls,
  isOneGraphemePerUnit,
} from "../../src/replies/count-length.js";

describe("countLength", () => {
  it("counts plain text by characters", () => {
    expect(countLength("Hallo Welt")).toBe(10);
    expect(countLength("")).toBe(0);
  });

  it.each([
    ["thumbs up with skin tone", "👍🏽", 1],
    ["family (zero-width joiners)", "👨‍👩‍👧", 1],
    ["flag (regional indicators)", "🇩🇪", 1],
    ["e + combining acute accent", "e\u0301", 1],
    ["word with a combining accent", "Cafe\u0301!", 5],
    ["mixed emoji and text", "ok 👍🏽🇩🇪👨‍👩‍👧", 6],
    ["Polish letters", "zażółć gęślą jaźń", 17],
    ["French and Swedish letters, one decomposed", "déjà où ÅÄÖ e\u0301", 13],
  ])("counts a grapheme cluster as one: %s", (_name, text, expected) => {
    expect(countLength(text)).toBe(expected);
  });

  it("counts every http(s) URL as 23 characters whatever its length", () => {
    const long = `https://example.com/${"a".repeat(300)}`;
    expect(countLength(long)).toBe(23);
    expect(countLength("http://x.de/abc")).toBe(23);
    expect(countLength(`see ${long} and https://help.instagram.com/contact/767264225370182`)).toBe(
      4 + 23 + 5 + 23,
    );
  });

  it("uses the instance's characters reserved per URL", () => {
    expect(countLength("https://www.facebook.com/help/contact/6359191084165019", { perUrl: 30 })).toBe(30);
  });

  it("leaves trailing punctuation out of a URL", () => {
    expect(countLength("Link: https://example.com/a.")).toBe(6 + 23 + 1);
  });

  it("counts a bare domain without scheme literally", () => {
    expect(countLength("example.com")).toBe(11);
  });

  it("counts a remote mention @user@domain as @user", () => {
    expect(countLength("@alice@very-long-domain.example.social hi")).toBe("@alice hi".length);
    expect(countLength("hi @bob@example.org!")).toBe("hi @bob!".length);
    expect(countLength("@alice hi")).toBe(9);
  });

  it("counts an e-mail address literally", () => {
    expect(countLength("info@christiansblog.eu")).toBe(22);
  });

  it("counts the spoiler text in the same budget, literally", () => {
    expect(countLength("abc", { spoiler: "CW 🇩🇪" })).toBe(3 + 4);
    expect(countLength("x", { spoiler: "https://example.com/long/path" })).toBe(1 + 29);
  });
});

describe("findUrls", () => {
  it("finds URLs without trailing punctuation", () => {
    expect(findUrls("a https://a.example/x. b (https://b.example/y)")).toEqual([
      "https://a.example/x",
      "https://b.example/y",
    ]);
  });
});

describe("countGraphemes' fast path", () => {
  const icu = new Intl.Segmenter("en", { granularity: "grapheme" });
  const byIcu = (text: string) => [...icu.segment(text)].length;
  // Every BMP character, paired with the characters most likely to join a neighbour.
  const joiners = ["\u0301", "\u200d", "\ufe0f", "\u1160", "\r", "\n", "a", " "];

  it("counts exactly as ICU's segmenter does, for every character it takes and its neighbours", () => {
    const simple: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isOneGraphemePerUnit(String.fromCharCode(code))) simple.push(String.fromCharCode(code));
    }
    expect(simple).toEqual(expect.arrayContaining(["ä", "„", "“", "–", "…", "•", "→", "€", "\t", "\n"]));
    expect(simple).not.toEqual(expect.arrayContaining(["\r"]));
    const wrong: string[] = [];
    for (const c of simple) {
      for (const text of [c, ...joiners.flatMap((j) => [c + j, j + c])]) {
        if (countGraphemes(text) !== byIcu(text)) wrong.push(text);
      }
    }
    expect(wrong.map((t) => [...t].map((c) => c.codePointAt(0)!.toString(16)).join("+"))).toEqual([]);
  });

  it("counts typical German and English answers the same way too", () => {
    const text = "„Hiermit widerspreche ich…“ – bringt nichts • Formular → https://example.org ™ 5 €\n\tok";
    expect(countGraphemes(text)).toBe(byIcu(text));
  });
});
