/**
 * Counts a status the way Mastodon's StatusLengthValidator does (API notes §7): grapheme
 * clusters of `spoiler + text`, where every http(s) URL counts as `perUrl` characters whatever
 * its length and a remote mention `@user@domain` counts as `@user`.
 */

/** An http(s) URL as Mastodon's extractor roughly sees it: trailing punctuation is not part of it. */
export const URL_PATTERN = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi;

const REMOTE_MENTION = /(^|[^\w/=@])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\w.-]+\w/gi;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

export interface CountOptions {
  /** Characters one URL counts for: the instance's `characters_reserved_per_url`. @default 23 */
  readonly perUrl?: number;
  /** Content warning text; it shares the budget with the body and is counted literally. */
  readonly spoiler?: string;
}

export function countLength(text: string, options: CountOptions = {}): number {
  const perUrl = options.perUrl ?? 23;
  const rewritten = text.replace(URL_PATTERN, "x".repeat(perUrl)).replace(REMOTE_MENTION, "$1@$2");
  return countGraphemes((options.spoiler ?? "") + rewritten);
}

/** Tabs, line feeds and characters below U+0300 (no CR, combining marks, emoji): one grapheme each. */
const NOT_SIMPLE = /[^\t\n\u0020-\u02ff]/;

export function countGraphemes(text: string): number {
  if (!NOT_SIMPLE.test(text)) return text.length;
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/** Splits text into grapheme clusters (user-perceived characters). */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Every URL in the text, in order of appearance. */
export function findUrls(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}
