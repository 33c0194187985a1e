/**
 * The one rule for the handle a post may start with (`@alice`, `@alice@remote.example`). A
 * server's `acct` is copied into replies, so anything else in it (spaces, a second `@`, `#tags`,
 * links, line breaks) would mention strangers or post spam in the bot's name.
 */

/** Mastodon's username charset; Misskey and Akkoma also allow `.` and `-` inside a name. */
const USERNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
/** One label of a domain name; letters and digits of any script (IDN domains Mastodon shows). */
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
/** Mastodon limits local usernames to 30; other software allows more, but not this many. */
const MAX_USERNAME = 64;
const MAX_DOMAIN = 253;
const MAX_LABEL = 63;
/** Enough of a refused acct to recognise it in a log, too little to carry a message. */
const PREFIX = 16;

/**
 * `alice` or `alice@remote.example` when `acct` is a handle the bot may write after `@` (one
 * leading `@` is dropped), else null: then the post mentions nobody.
 */
export function parseHandle(acct: string): string | null {
  const text = acct.startsWith("@") ? acct.slice(1) : acct;
  const at = text.indexOf("@");
  const username = at === -1 ? text : text.slice(0, at);
  if (username.length > MAX_USERNAME || !USERNAME.test(username)) return null;
  if (at === -1) return text;
  const domain = text.slice(at + 1);
  return isDomainName(domain) ? text : null;
}

function isDomainName(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  return domain.split(".").every((label) => label.length <= MAX_LABEL && LABEL.test(label));
}

/** A refused acct for a log line: the first characters, control characters and all escaped. */
export function describeRefusedAcct(acct: string): string {
  return JSON.stringify(acct.slice(0, PREFIX)) + (acct.length > PREFIX ? "…" : "");
}
