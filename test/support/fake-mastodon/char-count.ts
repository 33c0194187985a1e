/**
 * Status length as Mastodon's StatusLengthValidator counts it (API notes §7): grapheme clusters of
 * spoiler + text, where each http(s) URL counts `perUrl` characters and `@user@domain` counts as
 * `@user`. An approximation of Mastodon's extractors, shared by the fake's 422 check.
 */
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

export const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi;
const REMOTE_MENTION = /(^|[^\w/=@])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@[\w.-]+\w/gi;

export function countLikeMastodon(text: string, spoiler = "", perUrl = 23): number {
  const body = text.replace(URL_PATTERN, "x".repeat(perUrl)).replace(REMOTE_MENTION, "$1@$2");
  let count = 0;
  for (const _ of segmenter.segment(spoiler + body)) count += 1;
  return count;
}
