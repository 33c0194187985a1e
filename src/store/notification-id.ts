/**
 * Orders server ids (notification and status ids). Mastodon's are decimal snowflakes that outgrow
 * 2^53 and must not be compared as numbers or plain strings ("9" > "10"); GoToSocial's ULIDs and
 * Pleroma's flake ids are fixed-length and sort lexically. Length first, then lexical, fits all.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The newer of two ids; `null` counts as older than any id. */
export function newerId(current: string | null, candidate: string): string {
  return current === null || compareIds(candidate, current) > 0 ? candidate : current;
}
