import { describeRefusedAcct, parseHandle } from "../domain/handle.js";
import type { Mention, MentionAuthor, Visibility } from "../domain/mention.js";
import type { HandledNotification, InboundNotification } from "../domain/notification.js";
import type { Logger } from "../observability/logger.js";

/**
 * A notification as masto hands it over (camelCase), typed loosely on purpose: GoToSocial,
 * Akkoma, snac and older Mastodon leave out or null fields that masto's types call required.
 * masto's `mastodon.v1.Notification` is assignable to it.
 */
export interface WireNotification {
  readonly id?: unknown;
  readonly type?: unknown;
  readonly createdAt?: unknown;
  readonly account?: unknown;
  readonly status?: unknown;
}

const VISIBILITIES: ReadonlySet<string> = new Set(["public", "unlisted", "private", "direct"]);

/** An account with no `acct` and no profile URL to build it from: it cannot be mentioned safely. */
const NO_ACCT = "no-acct";
type Author = MentionAuthor | typeof NO_ACCT | null;

const WITHOUT_ACCT_TYPES: ReadonlySet<string> = new Set(["mention-without-acct", "follow-without-acct"]);

/** Says so when a notification is left unanswered because its author's handle is unknown. */
export function warnIfWithoutAcct(notification: InboundNotification, logger: Logger): void {
  if (notification.kind !== "other" || !WITHOUT_ACCT_TYPES.has(notification.type)) return;
  logger.warn(
    { notificationId: notification.id, type: notification.type },
    "notification: the author has no acct and no profile URL; not answered",
  );
}

/**
 * Converts one notification; `receivedAt` stands in for a missing or unreadable timestamp.
 * Returns null when it has no usable id (nothing can be deduped or ordered without one). A mention
 * without a readable status or author becomes `other`: there is nothing to answer; so does one
 * whose author's handle is unknown (`mention-without-acct`, `follow-without-acct`). An `acct` that
 * is not a handle (`parseHandle`) is dropped with a warning: the author gets an answer that
 * mentions nobody.
 */
export function toInbound(
  wire: WireNotification,
  receivedAt: Date,
  logger: Logger,
  serverAheadMs = 0,
): InboundNotification | null {
  const id = idOf(wire.id);
  if (id === null) return null;
  const type = typeof wire.type === "string" ? wire.type : "unknown";
  // The server's times, read on our clock (see server-clock.ts): windows compare them with ours.
  const local = (value: unknown) => {
    const date = dateOf(value);
    return date === null ? null : new Date(date.getTime() - serverAheadMs);
  };
  const createdAt = local(wire.createdAt) ?? receivedAt;
  const inbound = convert(id, type, wire, createdAt, local);
  if (inbound.kind !== "other") warnIfRefused(inbound, wire, logger);
  return inbound;
}

function convert(
  id: string,
  type: string,
  wire: WireNotification,
  createdAt: Date,
  local: (value: unknown) => Date | null,
): InboundNotification {
  if (type === "mention") {
    const mention = toMention(id, wire, createdAt, local);
    if (mention === NO_ACCT) return { kind: "other", id, createdAt, type: "mention-without-acct" };
    if (mention) return { kind: "mention", id, createdAt, mention };
  }
  if (type === "follow") {
    const account = toAuthor(wire.account);
    if (account === NO_ACCT) return { kind: "other", id, createdAt, type: "follow-without-acct" };
    if (account) return { kind: "follow", id, createdAt, account };
  }
  return { kind: "other", id, createdAt, type };
}

/** One line per converted notification; the raw acct only as a short escaped prefix. */
function warnIfRefused(inbound: HandledNotification, wire: WireNotification, logger: Logger): void {
  const author = inbound.kind === "mention" ? inbound.mention.author : inbound.account;
  if (author.acct !== null) return;
  const status = record(wire.status);
  const raw = [status ? record(status.account) : null, record(wire.account)]
    .map((account) => account?.acct)
    .find((acct): acct is string => typeof acct === "string" && acct !== "");
  logger.warn(
    {
      notificationId: inbound.id,
      accountId: author.id,
      acct: describeRefusedAcct(raw ?? ""),
    },
    "notification: the author's acct is not a valid handle; answers to it mention nobody",
  );
}

function toMention(
  notificationId: string,
  wire: WireNotification,
  fallbackDate: Date,
  local: (value: unknown) => Date | null,
): Mention | typeof NO_ACCT | null {
  const status = record(wire.status);
  if (!status) return null;
  const statusId = idOf(status.id);
  if (statusId === null) return null;
  // The status's author is the one to answer; the notification's account is the same on Mastodon.
  const author = firstAuthor(toAuthor(status.account), toAuthor(wire.account));
  if (author === null || author === NO_ACCT) return author;
  return {
    notificationId,
    statusId,
    author,
    contentHtml: stringOr(status.content, ""),
    spoilerText: stringOr(status.spoilerText, ""),
    language: typeof status.language === "string" && status.language !== "" ? status.language : null,
    visibility: visibilityOf(status.visibility),
    createdAt: local(status.createdAt) ?? fallbackDate,
    inReplyToId: idOf(status.inReplyToId),
    favourited: status.favourited === true,
  };
}

function firstAuthor(preferred: Author, fallback: Author): Author {
  if (preferred !== null && preferred !== NO_ACCT) return preferred;
  if (fallback !== null && fallback !== NO_ACCT) return fallback;
  return preferred ?? fallback;
}

function toAuthor(value: unknown): Author {
  const account = record(value);
  if (!account) return null;
  const id = idOf(account.id);
  if (id === null) return null;
  const acct = stringOr(account.acct, "") || acctFromUrl(account.username, account.url);
  if (acct === "") return NO_ACCT;
  return { id, acct: parseHandle(acct), bot: account.bot === true, note: stringOr(account.note, "") };
}

/**
 * `username@host` of the profile URL. Never the bare username: for a remote author `@bob` would
 * mention a local bob. The full form is right for a local author too (the server resolves it).
 */
function acctFromUrl(username: unknown, url: unknown): string {
  if (typeof username !== "string" || username === "" || typeof url !== "string") return "";
  try {
    const { hostname, protocol } = new URL(url);
    return (protocol === "https:" || protocol === "http:") && hostname !== ""
      ? `${username}@${hostname}`
      : "";
  } catch {
    return "";
  }
}

/**
 * Unknown visibilities (Akkoma's `local`, `limited`, Misskey's `specified` …) count as `direct`:
 * the reply policy never widens visibility, so the narrowest reading is the safe one.
 */
function visibilityOf(value: unknown): Visibility {
  return typeof value === "string" && VISIBILITIES.has(value) ? (value as Visibility) : "direct";
}

function idOf(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  // Some servers send numeric ids; safe integers only, anything else would be a rounded id.
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return null;
}

function dateOf(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}
