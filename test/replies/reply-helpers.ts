import { countLength, findUrls } from "../../src/replies/count-length.js";

export const FACEBOOK_FORM = "https://www.facebook.com/help/contact/6359191084165019";
export const INSTAGRAM_FORM = "https://help.instagram.com/contact/767264225370182";

/** Moments in each phase of the 2025 campaign (deadline 26.05.2025, Berlin). */
export const MOMENTS = {
  before: new Date("2025-05-23T10:00:00Z"),
  on: new Date("2025-05-26T10:00:00Z"),
  after: new Date("2026-11-30T10:00:00Z"),
} as const;

export const mastodonLength = (post: string) => countLength(post, { perUrl: 23 });

/** How often `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Every URL of every post, to check none was cut or repeated. */
export function urlsOf(posts: readonly string[]): string[] {
  return posts.flatMap((post) => findUrls(post));
}

/** The words of a thread without mention prefix and "i/n" numbering. */
export function wordsOf(posts: readonly string[], acct: string): string[] {
  return posts.flatMap((post) =>
    post
      .slice(`@${acct} `.length)
      .replace(/\n\n\d+\/\d+$/, "")
      .split(/\s+/)
      .filter((w) => w !== ""),
  );
}
