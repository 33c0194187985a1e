/** Records to Mastodon's snake_case JSON entities (API notes §2, §3, §9). */
import { escapeHtml, type FormatContext, formatNote } from "./content-html.js";
import type { FakeAccount, FakeNotification, FakeStatus, NotificationPolicy } from "./types.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface EntityContext {
  format: FormatContext;
  bot: FakeAccount;
  statusesCount(account: FakeAccount): number;
  status(id: string): FakeStatus | undefined;
  repliesCount(id: string): number;
  /** The `acct` served for an account (a switch can make it malformed). */
  servedAcct(account: FakeAccount): string;
}

export function accountJson(a: FakeAccount, ctx: EntityContext): { [key: string]: Json } {
  const avatar = `${ctx.format.baseUrl}/avatars/original/missing.png`;
  return {
    id: a.id,
    username: a.username,
    acct: ctx.servedAcct(a),
    display_name: a.displayName,
    locked: a.locked,
    bot: a.bot,
    discoverable: a.discoverable,
    group: false,
    created_at: midnight(a.createdAt),
    note: a.note === "" ? "" : formatNote(a.note, ctx.format),
    url: a.url,
    uri: a.domain ? `https://${a.domain}/users/${a.username}` : `${ctx.format.baseUrl}/users/${a.username}`,
    avatar,
    avatar_static: avatar,
    header: `${ctx.format.baseUrl}/headers/original/missing.png`,
    header_static: `${ctx.format.baseUrl}/headers/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: ctx.statusesCount(a),
    last_status_at: null,
    emojis: [],
    fields: a.fields.map((f) => ({
      name: escapeHtml(f.name),
      value: formatNote(f.value, ctx.format),
      verified_at: null,
    })),
  };
}

export function credentialAccountJson(a: FakeAccount, ctx: EntityContext): { [key: string]: Json } {
  return {
    ...accountJson(a, ctx),
    source: {
      privacy: "public",
      sensitive: false,
      language: "",
      note: a.note,
      fields: a.fields.map((f) => ({ name: f.name, value: f.value, verified_at: null })),
      follow_requests_count: 0,
    },
  };
}

export function statusJson(s: FakeStatus, ctx: EntityContext): { [key: string]: Json } {
  const base = ctx.format.baseUrl;
  const local = s.account.domain === null;
  return {
    id: s.id,
    created_at: s.createdAt.toISOString(),
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToAccountId,
    sensitive: s.sensitive,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: s.language,
    uri: local
      ? `${base}/users/${s.account.username}/statuses/${s.id}`
      : `https://${s.account.domain}/users/${s.account.username}/statuses/${s.id}`,
    url: `${s.account.url}/${s.id}`,
    replies_count: ctx.repliesCount(s.id),
    reblogs_count: 0,
    favourites_count: s.favouritesCount,
    edited_at: s.editedAt?.toISOString() ?? null,
    favourited: s.favourited,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content: s.content,
    filtered: [],
    reblog: null,
    application: s.account === ctx.bot ? { name: "optout-bot", website: null } : null,
    account: accountJson(s.account, ctx),
    media_attachments: [],
    mentions: s.mentions.map((m) => ({ id: m.id, username: m.username, url: m.url, acct: m.acct })),
    tags: s.tags.map((t) => ({ name: t, url: `${base}/tags/${encodeURIComponent(t)}` })),
    emojis: [],
    card: null,
    poll: null,
  };
}

export function notificationJson(n: FakeNotification, ctx: EntityContext): { [key: string]: Json } {
  const status = n.statusId === null ? undefined : ctx.status(n.statusId);
  return {
    id: n.id,
    type: n.type,
    created_at: n.createdAt.toISOString(),
    group_key: `ungrouped-${n.id}`,
    account: accountJson(n.account, ctx),
    ...(status ? { status: statusJson(status, ctx) } : {}),
  };
}

export function policyJson(p: NotificationPolicy, pending: number): { [key: string]: Json } {
  return {
    for_not_following: p.forNotFollowing,
    for_not_followers: p.forNotFollowers,
    for_new_accounts: p.forNewAccounts,
    for_private_mentions: p.forPrivateMentions,
    for_limited_accounts: p.forLimitedAccounts,
    summary: { pending_requests_count: pending > 0 ? 1 : 0, pending_notifications_count: pending },
  };
}

/** Mastodon serialises account created_at at midnight UTC. */
function midnight(d: Date): string {
  return `${d.toISOString().slice(0, 10)}T00:00:00.000Z`;
}
