import { describe, expect, it } from "vitest";
import { INTENTS, type Intent } from "../../src/domain/intent.js";
import { composeReply } from "../../src/replies/compose-reply.js";
import { realKnowledge } from "./knowledge-fixture.js";
import {
  FACEBOOK_FORM,
  INSTAGRAM_FORM,
  MOMENTS,
  mastodonLength,
  occurrences,
  urlsOf,
  wordsOf,
} from "./reply-helpers.js";

const knowledge = realKnowledge();
const PHASES = ["before", "on", "after"] as const;
const LANGUAGES = ["de", "en"] as const;

const reply = (
  intents: Intent[],
  options: { language?: string; now?: Date; acct?: string | null; maxCharacters?: number } = {},
) =>
  composeReply({
    intents,
    language: options.language ?? "de",
    now: options.now ?? MOMENTS.before,
    author: { acct: options.acct === undefined ? "alice" : options.acct },
    knowledge,
    limits: options.maxCharacters === undefined ? {} : { maxCharacters: options.maxCharacters },
  });

describe("composeReply: what is answered", () => {
  it("gives no posts for thanks alone", () => {
    expect(reply(["thanks"]).posts).toEqual([]);
  });

  it("answers the question that comes with thanks", () => {
    const { posts } = reply(["thanks", "form_facebook"]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain(FACEBOOK_FORM);
  });

  it.each(LANGUAGES)("gives the fallback topic menu for an empty intent set (%s)", (language) => {
    const { posts } = reply([], { language });
    expect(posts).toHaveLength(1);
    const menu = knowledge.languages.get(language)!.fallback;
    expect(posts[0]).toBe(`@alice ${menu}`);
  });

  it.each(LANGUAGES)("gives the help menu for help (%s)", (language) => {
    const [post] = reply(["help"], { language }).posts;
    expect(post).toMatch(/^@alice (Hallo|Hi)!/);
    expect(post).toMatch(/Alternativen|alternatives/);
  });

  it("leaves the menu out when a real question comes with help", () => {
    const [post] = reply(["help", "deadline"]).posts;
    expect(post).toContain("Noch 3 Tage");
    expect(post).not.toContain("Hallo!");
  });

  it("answers in German for a language without a knowledge file", () => {
    const result = reply(["purpose"], { language: "tlh" });
    expect(result.language).toBe("de");
    expect(result.posts[0]).toContain("Werbekunden");
  });

  it("reports the language it answered in", () => {
    expect(reply(["purpose"], { language: "en" }).language).toBe("en");
  });
});

describe("composeReply: order and repeats", () => {
  it("puts the answers in the fixed topic order, whatever order the intents come in", () => {
    const [post] = reply(["alternatives", "purpose", "form_instagram", "form_facebook"]).posts;
    const positions = [FACEBOOK_FORM, INSTAGRAM_FORM, "Werbekunden", "Pixelfed"].map((s) => post!.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  for (const language of LANGUAGES) {
    for (const phase of PHASES) {
      it(`gives each link and each shared line once for both forms + deadline (${language}, ${phase})`, () => {
        const { posts } = reply(["deadline", "form_instagram", "form_facebook"], {
          language,
          now: MOMENTS[phase],
        });
        expect(posts).toHaveLength(1);
        const text = posts.join("\n");
        expect(occurrences(text, FACEBOOK_FORM)).toBe(1);
        expect(occurrences(text, INSTAGRAM_FORM)).toBe(1);
        const lines = text.split("\n").filter((l) => l.trim() !== "");
        expect(new Set(lines).size).toBe(lines.length);
        expect(text.indexOf(FACEBOOK_FORM)).toBeLessThan(text.indexOf(INSTAGRAM_FORM));
      });
    }
  }

  it("keeps the status post answer's links out when the forms were already given", () => {
    const [post] = reply(["status_post", "form_facebook", "form_instagram"]).posts;
    expect(occurrences(post!, FACEBOOK_FORM)).toBe(1);
    expect(occurrences(post!, INSTAGRAM_FORM)).toBe(1);
    expect(post).toContain("Hiermit widerspreche ich");
  });

  it("says once, after the deadline, that the deadline has passed", () => {
    const [post] = reply(["form_facebook", "form_instagram", "deadline", "status_post"], {
      now: MOMENTS.after,
    }).posts;
    expect(occurrences(post!, "abgelaufen")).toBe(1);
    expect(occurrences(post!, FACEBOOK_FORM)).toBe(1);
  });
});

describe("composeReply: the author", () => {
  it("mentions the author first, once, and no one else", () => {
    const [post] = reply(["purpose"]).posts;
    expect(post).toMatch(/^@alice \S/);
    expect(post!.match(/(^|\s)@\w/g)).toHaveLength(1);
  });

  it("keeps the domain of a remote acct and counts it as @user", () => {
    // 250 characters: near the longest domain name DNS allows (253).
    const acct = `alice@${"sub.".repeat(59)}example.social`;
    const { posts } = reply(["form_facebook", "form_instagram", "deadline"], { acct });
    expect(posts).toHaveLength(1);
    expect(posts[0]!.startsWith(`@${acct} `)).toBe(true);
    expect(posts[0]!.length).toBeGreaterThan(500);
    expect(mastodonLength(posts[0]!)).toBe(mastodonLength(posts[0]!.replace(`@${acct}`, "@alice")));
    expect(mastodonLength(posts[0]!)).toBeLessThanOrEqual(500);
  });

  it("mentions nobody when the acct is missing or not a handle, in a single post and in a thread", () => {
    for (const acct of [null, "alice @victim@evil.example #spam https://spam.example", "alice\n@victim"]) {
      for (const maxCharacters of [500, 150]) {
        const { posts } = reply(["form_instagram", "deadline"], { acct, maxCharacters });
        expect(posts.length).toBeGreaterThan(0);
        for (const post of posts) {
          expect(post).not.toMatch(/@|victim|#spam|spam\.example/);
          expect(post.startsWith(" ")).toBe(false);
        }
      }
    }
  });

  it("accepts an acct given with a leading @", () => {
    expect(reply(["purpose"], { acct: "@bob@example.org" }).posts[0]).toMatch(/^@bob@example\.org Laut/);
  });
});

describe("composeReply: threads", () => {
  const single = (language: string) => reply([...INTENTS], { language, maxCharacters: 100_000 }).posts;

  for (const language of LANGUAGES) {
    for (const maxCharacters of [500, 200]) {
      it(`splits all intents into a numbered thread that fits ${maxCharacters} (${language})`, () => {
        const { posts } = reply([...INTENTS], { language, maxCharacters, acct: "alice@example.social" });
        expect(posts.length).toBeGreaterThan(1);
        posts.forEach((post, i) => {
          expect(mastodonLength(post)).toBeLessThanOrEqual(maxCharacters);
          expect(post.startsWith("@alice@example.social ")).toBe(true);
          expect(post.endsWith(`\n\n${i + 1}/${posts.length}`)).toBe(true);
        });
        expect(urlsOf(posts).sort()).toEqual([FACEBOOK_FORM, INSTAGRAM_FORM].sort());
        // Nothing lost, no word cut: the words are those of the unsplit reply.
        expect(wordsOf(posts, "alice@example.social")).toEqual(wordsOf(single(language), "alice"));
      });
    }
  }

  it("does not number a single post", () => {
    const { posts } = reply(["form_facebook", "deadline"]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).not.toMatch(/\d+\/\d+$/);
  });

  it("starts a new post at an answer boundary when the next answer fits a post alone", () => {
    const { posts } = reply([...INTENTS], { maxCharacters: 500 });
    for (const post of posts) {
      const body = post.replace(/^@alice /, "").replace(/\n\n\d+\/\d+$/, "");
      // Every post ends where a sentence or list line ends, not mid-sentence.
      expect(body).toMatch(/[.!?:\d]$|→ \w+$/);
    }
  });
});
