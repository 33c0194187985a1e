/**
 * Counts a status the way Mastodon's StatusLengthValidator does (API notes §7): grapheme
 * clusters of `spoiler + text`, where every http(s) URL counts as `perUrl` characters whatever
 * its length and a remote mention `@user@domain` counts as `@user`.
 */

/** An http(s) URL as Mastodon's extractor roughly sees it: trailing punctuation is not part of it. */
export const URL_PATTERN = /https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi;

const REMOTE_MENTION = /(^|[^\w/=@])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\w.-]+\w/gi;

/** Created on first need: ICU's break-iterator data costs the process about 2 MB. */
let segmenter: Intl.Segmenter | undefined;
function graphemes(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" });
  return segmenter;
}

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

/**
 * Characters that are one grapheme each, whatever follows: tab, line feed, U+0020 to U+02FF, and
 * the punctuation, currency, letterlike and arrow blocks that answers use („“ – … • → €). Not in
 * the set: CR, combining marks, zero-width joiners and other format characters, variation
 * selectors, Hangul jamo and everything beyond the BMP (emoji), which can join with a neighbour.
 */
const NOT_SIMPLE = /[^\t\n\u0020-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff]/;

/** Whether every UTF-16 unit of `text` is a grapheme of its own (the fast path of countGraphemes). */
export function isOneGraphemePerUnit(text: string): boolean {
  return !NOT_SIMPLE.test(text);
}

export function countGraphemes(text: string): number {
  if (isOneGraphemePerUnit(text)) return text.length;
  let n = 0;
  for (const _ of graphemes().segment(text)) n++;
  return n;
}

/** Splits text into grapheme clusters (user-perceived characters). */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes().segment(text), (s) => s.segment);
}

/** Every URL in the text, in order of appearance. */
export function findUrls(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}
