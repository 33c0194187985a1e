import { describe, expect, it } from "vitest";
import { ReplyLimitError } from "../../src/replies/reply-errors.js";
import { type PostFrame, splitIntoPosts } from "../../src/replies/split-posts.js";
import { mastodonLength, wordsOf } from "./reply-helpers.js";

const frame = (maxCharacters: number, acct = "al"): PostFrame => ({
  acct,
  maxCharacters,
  charactersReservedPerUrl: 23,
  language: "de",
});
const bodies = (posts: string[], acct = "al") =>
  posts.map((p) => p.slice(`@${acct} `.length).replace(/\n\n\d+\/\d+$/, ""));

describe("splitIntoPosts", () => {
  it("keeps text that fits in one unnumbered post", () => {
    expect(splitIntoPosts("Kurz und gut.", frame(500))).toEqual(["@al Kurz und gut."]);
  });

  it("fills a post exactly up to the limit", () => {
    const text = "x".repeat(496);
    expect(splitIntoPosts(text, frame(500))).toEqual([`@al ${text}`]);
    expect(splitIntoPosts(`${text}y`, frame(500)).length).toBeGreaterThan(1);
  });

  it("splits at sentence boundaries, not inside a date", () => {
    const text =
      "Der Widerspruch muss bis 26.05.2025 eingereicht sein. Danach gilt: Pech gehabt. Lasst es einfach.";
    const posts = splitIntoPosts(text, frame(70));
    expect(posts.length).toBeGreaterThan(1);
    for (const body of bodies(posts)) expect(body).toMatch(/\.$/);
    expect(posts.join(" ")).toContain("26.05.2025");
  });

  it("splits at word boundaries when a sentence is too long, every post within the limit", () => {
    const text = Array.from({ length: 120 }, (_, i) => `Wort${i}`).join(" ");
    const posts = splitIntoPosts(text, frame(80));
    for (const post of posts) expect(mastodonLength(post)).toBeLessThanOrEqual(80);
    expect(wordsOf(posts, "al")).toEqual(text.split(" "));
  });

  it("never cuts a URL, even a long one that counts 23", () => {
    const url = `https://example.org/${"pfad/".repeat(60)}ende`;
    const text = `${"Vorher kommt viel Text. ".repeat(8)}Hier: ${url} und danach noch mehr Text.`;
    const posts = splitIntoPosts(text, frame(90));
    expect(posts.filter((p) => p.includes(url))).toHaveLength(1);
    for (const post of posts) expect(mastodonLength(post)).toBeLessThanOrEqual(90);
  });

  it("ignores sentence boundaries that Intl.Segmenter sees inside a URL (? and !)", () => {
    const url = "https://example.org/Seite.Html?Frage!Antwort";
    const text = `Erst ein Satz mit etwas Text. Dann der Link ${url} jetzt. Und noch ein letzter Satz.`;
    const posts = splitIntoPosts(text, frame(60));
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.filter((p) => p.includes(url))).toHaveLength(1);
    expect(bodies(posts)).toContain(`Dann der Link ${url} jetzt.`);
  });

  it("hard-wraps an unbreakable word at grapheme boundaries as a last resort", () => {
    const word = "a".repeat(300);
    const posts = splitIntoPosts(word, frame(100));
    expect(posts.length).toBeGreaterThan(3);
    for (const post of posts) expect(mastodonLength(post)).toBeLessThanOrEqual(100);
    expect(bodies(posts).join("")).toBe(word);
  });

  it("never cuts a grapheme cluster when hard-wrapping", () => {
    const word = "👨‍👩‍👧🇩🇪".repeat(150);
    const posts = splitIntoPosts(word, frame(60));
    for (const post of posts) expect(mastodonLength(post)).toBeLessThanOrEqual(60);
    const parts = bodies(posts);
    expect(parts.join("")).toBe(word);
    for (const part of parts) expect(part).toMatch(/^(👨‍👩‍👧🇩🇪|🇩🇪👨‍👩‍👧)+(👨‍👩‍👧|🇩🇪)?$/u);
  });

  it("widens the numbering past nine posts and still fits every post", () => {
    const text = Array.from({ length: 40 }, (_, i) => `Satz Nummer ${i} ist hier.`).join(" ");
    const posts = splitIntoPosts(text, frame(60));
    expect(posts.length).toBeGreaterThanOrEqual(10);
    posts.forEach((post, i) => {
      expect(post.endsWith(`\n\n${i + 1}/${posts.length}`)).toBe(true);
      expect(mastodonLength(post)).toBeLessThanOrEqual(60);
    });
  });

  it("fails clearly when the limit cannot hold the mention and one link", () => {
    expect(() => splitIntoPosts("Link: https://example.org/x", frame(25))).toThrow(ReplyLimitError);
  });

  it("writes no mention for an empty acct", () => {
    expect(splitIntoPosts("Hallo.", frame(500, ""))).toEqual(["Hallo."]);
  });
});
