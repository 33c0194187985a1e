/**
 * Plain text to the HTML Mastodon renders for local posts (API notes §2, TextFormatter): escaped text,
 * `<p>` per paragraph, `<br />` per line break, h-card mentions, hashtag links and link spans.
 * Mentions that resolve to no account stay plain text and are left out of `mentions`.
 */
import { URL_PATTERN } from "./char-count.js";
import type { FakeAccount } from "./types.js";

export interface FormatContext {
  /** Base URL of the fake server, without trailing slash. */
  baseUrl: string;
  resolveMention(username: string, domain: string | null): FakeAccount | undefined;
}

export interface FormattedText {
  html: string;
  mentions: FakeAccount[];
  tags: string[];
}

interface Entity {
  start: number;
  end: number;
  render: (sameUsername: Set<string>) => string;
}

const MENTION =
  /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([\p{L}\p{N}_.-]*[\p{L}\p{N}_]))?/giu;
const HASHTAG = /(?<![=/)\p{L}\p{N}_])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/giu;
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export function formatStatusText(text: string, ctx: FormatContext): FormattedText {
  const entities: Entity[] = [];
  const mentions: FakeAccount[] = [];
  const tags: string[] = [];
  const free = (start: number, end: number) => entities.every((e) => end <= e.start || start >= e.end);

  for (const m of text.matchAll(URL_PATTERN)) {
    const url = m[0];
    entities.push({ start: m.index, end: m.index + url.length, render: () => renderLink(url) });
  }
  for (const m of text.matchAll(MENTION)) {
    const end = m.index + m[0].length;
    const account = ctx.resolveMention(m[1]!, m[2] ?? null);
    if (!account || !free(m.index, end)) continue;
    if (!mentions.includes(account)) mentions.push(account);
    entities.push({ start: m.index, end, render: (same) => renderMention(account, same) });
  }
  for (const m of text.matchAll(HASHTAG)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const name = m[1]!;
    if (!tags.includes(name.toLowerCase())) tags.push(name.toLowerCase());
    entities.push({ start: m.index, end, render: () => renderHashtag(name, ctx.baseUrl) });
  }

  const sameUsername = duplicatedUsernames(mentions);
  entities.sort((a, b) => a.start - b.start);
  let html = "";
  let at = 0;
  for (const e of entities) {
    html += escapeHtml(text.slice(at, e.start)) + e.render(sameUsername);
    at = e.end;
  }
  html += escapeHtml(text.slice(at));
  return { html: simpleFormat(html), mentions, tags };
}

/** Rails simple_format followed by delete("\n"), as Mastodon does for multi-line text. */
export function simpleFormat(html: string): string {
  if (html.trim() === "") return "";
  const paragraphs = html
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/([^\n]\n)(?=[^\n])/g, "$1<br />"));
  return paragraphs
    .map((p) => `<p>${p}</p>`)
    .join("")
    .replaceAll("\n", "");
}

function renderLink(url: string): string {
  const prefix = /^(https?:\/\/(www\.)?)/i.exec(url)?.[0] ?? "";
  const rest = url.slice(prefix.length);
  const cut = rest.length > 30;
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${cut ? "ellipsis" : ""}">${escapeHtml(rest.slice(0, 30))}</span>` +
    `<span class="invisible">${escapeHtml(rest.slice(30))}</span></a>`
  );
}

function renderMention(account: FakeAccount, sameUsername: Set<string>): string {
  const shown = sameUsername.has(account.username.toLowerCase()) ? account.acct : account.username;
  return (
    `<span class="h-card" translate="no"><a href="${escapeHtml(account.url)}" class="u-url mention">` +
    `@<span>${escapeHtml(shown)}</span></a></span>`
  );
}

function renderHashtag(name: string, baseUrl: string): string {
  const href = `${baseUrl}/tags/${encodeURIComponent(name.toLowerCase())}`;
  return `<a href="${escapeHtml(href)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(name)}</span></a>`;
}

function duplicatedUsernames(accounts: FakeAccount[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const a of accounts) {
    const key = a.username.toLowerCase();
    if (seen.has(key)) dup.add(key);
    seen.add(key);
  }
  return dup;
}

/** Profile note / field value: same markup, links get rel "me" in fields (kept simple here). */
export function formatNote(text: string, ctx: FormatContext): string {
  return formatStatusText(text, ctx).html;
}
