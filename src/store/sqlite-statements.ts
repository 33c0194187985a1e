import type Database from "better-sqlite3";
import type { Visibility } from "../domain/mention.js";
import type { OutboxKind, OutboxState, PostAdmission } from "./state-store.js";

/** An outbox row as SQLite returns it, with the predecessor's remote id for chained posts. */
export interface OutboxSqlRow {
  id: number;
  kind: OutboxKind;
  idempotency_key: string;
  group_key: string;
  position: number;
  state: OutboxState;
  attempts: number;
  remote_id: string | null;
  last_error: string | null;
  notification_id: string | null;
  reminder_key: string | null;
  status_id: string | null;
  account_id: string | null;
  text: string | null;
  language: string | null;
  visibility: Visibility | null;
  in_reply_to_id: string | null;
  chain_to_previous: number;
  account_rank: number;
  order_at: number;
  order_id: string;
  due_at: number;
  deadline_at: number;
  created_at: number;
  updated_at: number;
  previous_remote_id: string | null;
}

/** The named parameters of a new outbox row; it starts pending, unsent, updated when created. */
export interface OutboxInsert {
  kind: OutboxKind;
  idempotencyKey: string;
  groupKey: string;
  position: number;
  notificationId: string | null;
  reminderKey: string | null;
  statusId: string | null;
  accountId: string | null;
  text: string | null;
  language: string | null;
  visibility: Visibility | null;
  inReplyToId: string | null;
  chainToPrevious: 0 | 1;
  /** Replies queued to the account in the hour before this one: the first sort key (fairness). */
  accountRank: number;
  /** Sort key: the mention's time (or a group's due time), then `orderId`, then position. */
  orderAt: number;
  orderId: string;
  dueAt: number;
  deadlineAt: number;
  createdAt: number;
}

export interface ReminderSqlRow {
  key: string;
  state: "claimed" | "posted" | "skipped" | "failed";
  claimed_at: number;
  updated_at: number;
}

/** A kept unmatched mention as SQLite returns it; `found` is a JSON array. */
export interface UnmatchedSqlRow {
  id: number;
  content: string;
  language: string | null;
  detected_language: string;
  found: string;
  reason: string;
  created_at: number;
}

/** The unmatched mentions written at or after a time, oldest first (also read by `review`). */
export const SELECT_UNMATCHED_SINCE = "SELECT * FROM unmatched WHERE created_at >= ? ORDER BY created_at, id";

const OPEN = "('pending', 'sending')";
/** An outbox item with its predecessor's remote id (what a chained post answers). */
export const SELECT_OUTBOX_ITEM = `
  SELECT o.*, p.remote_id AS previous_remote_id FROM outbox o
  LEFT JOIN outbox p ON o.chain_to_previous = 1 AND p.group_key = o.group_key AND p.position = o.position - 1`;
// Fair, then oldest mention first: an account's second reply waits behind others' first ones (a
// begun reply's later posts are stored with rank 0). Ids compare by length, then lexically.
const ORDER = "ORDER BY o.account_rank, o.order_at, length(o.order_id), o.order_id, o.position, o.id";
// Which posts the budget lets through (PostAdmission); favourites and a begun reply's later posts always.
const ADMITTED = `(@admit = 'all' OR o.kind = 'favourite' OR o.position > 0 OR o.notification_id IS NULL
  OR (@admit = 'priority' AND o.account_rank = 0))`;
// A pending item is ready when it is not chained or its predecessor was sent.
const READY = `o.state = 'pending' AND (@kind IS NULL OR o.kind = @kind) AND ${ADMITTED}
  AND (o.chain_to_previous = 0 OR p.state = 'sent')`;

type Kind = { kind: OutboxKind | null; admit: PostAdmission };
type Id = { id: number };

/** Every statement the store runs, prepared once at open. */
export function prepareStatements(db: Database.Database) {
  const p = <P extends unknown[] | object, R = unknown>(sql: string) => db.prepare<P, R>(sql);
  return {
    getMeta: p<[string], { value: string }>("SELECT value FROM meta WHERE key = ?"),
    setMeta: p<[string, string]>(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
    hasSeen: p<[string], { id: string }>("SELECT id FROM notifications WHERE id = ?"),
    insertSeen: p<[string, string | null, string, string, number]>(
      "INSERT OR IGNORE INTO notifications (id, status_id, account_id, kind, received_at) VALUES (?, ?, ?, ?, ?)",
    ),
    insertOutbox: p<OutboxInsert>(
      `INSERT OR IGNORE INTO outbox (kind, idempotency_key, group_key, position, state, notification_id,
         reminder_key, status_id, account_id, text, language, visibility, in_reply_to_id, chain_to_previous,
         account_rank, order_at, order_id, due_at, deadline_at, created_at, updated_at)
       VALUES (@kind, @idempotencyKey, @groupKey, @position, 'pending', @notificationId, @reminderKey,
         @statusId, @accountId, @text, @language, @visibility, @inReplyToId, @chainToPrevious, @accountRank, @orderAt,
         @orderId, @dueAt, @deadlineAt, @createdAt, @createdAt)`,
    ),
    insertReply: p<[string, number]>("INSERT INTO replies (account_id, sent_at) VALUES (?, ?)"),
    upsertMenu: p<[string, number]>(
      `INSERT INTO topic_menus (account_id, sent_at) VALUES (?, ?)
       ON CONFLICT (account_id) DO UPDATE SET sent_at = max(sent_at, excluded.sent_at)`,
    ),
    insertUnmatched: p<[string, string | null, string, string, string, number]>(
      `INSERT INTO unmatched (content, language, detected_language, found, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    unmatchedSince: p<[number], UnmatchedSqlRow>(SELECT_UNMATCHED_SINCE),
    cancelForStatus: p<[number, string]>(
      "UPDATE outbox SET state = 'cancelled', last_error = 'status deleted', updated_at = ? WHERE status_id = ? AND state = 'pending'",
    ),
    nextDue: p<Kind & { now: number }, OutboxSqlRow>(
      `${SELECT_OUTBOX_ITEM} WHERE ${READY} AND o.due_at <= @now ${ORDER} LIMIT 1`,
    ),
    nextDueAt: p<Kind, { at: number | null }>(`SELECT min(o.due_at) AS at FROM outbox o
      LEFT JOIN outbox p ON o.chain_to_previous = 1 AND p.group_key = o.group_key AND p.position = o.position - 1
      WHERE ${READY}`),
    getItem: p<[number], OutboxSqlRow>(`${SELECT_OUTBOX_ITEM} WHERE o.id = ?`),
    inFlight: p<[], OutboxSqlRow>(`${SELECT_OUTBOX_ITEM} WHERE o.state = 'sending' ${ORDER}`),
    overdue: p<[number], OutboxSqlRow>(
      `${SELECT_OUTBOX_ITEM} WHERE o.state = 'pending' AND o.deadline_at < ? ${ORDER}`,
    ),
    sentRepliesSince: p<[number], { at: number }>(
      // Without statistics SQLite would scan every sent item of the day by state instead.
      `SELECT updated_at AS at FROM outbox INDEXED BY outbox_sent WHERE state = 'sent' AND kind = 'post' AND position = 0
         AND notification_id IS NOT NULL AND updated_at >= ? ORDER BY updated_at`,
    ),
    pendingCount: p<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE state IN ${OPEN}`),
    unsentInGroup: p<[string], { n: number }>(
      "SELECT count(*) AS n FROM outbox WHERE group_key = ? AND state != 'sent'",
    ),
    markSending: p<{ id: number; now: number }>(
      "UPDATE outbox SET state = 'sending', updated_at = @now WHERE id = @id AND state = 'pending'",
    ),
    settle: p<Id & { state: OutboxState; now: number; remoteId: string | null; error: string | null }>(
      `UPDATE outbox SET state = @state, updated_at = @now, remote_id = coalesce(@remoteId, remote_id),
         last_error = coalesce(@error, last_error) WHERE id = @id AND state IN ${OPEN}`,
    ),
    cascade: p<{ groupKey: string; position: number; reason: string; now: number }>(
      `UPDATE outbox SET state = 'cancelled', last_error = @reason, updated_at = @now
       WHERE group_key = @groupKey AND position > @position AND state = 'pending'`,
    ),
    reschedule: p<Id & { dueAt: number; attempts: number; error: string | null }>(
      `UPDATE outbox SET state = 'pending', due_at = @dueAt, attempts = @attempts,
         last_error = coalesce(@error, last_error) WHERE id = @id AND state IN ${OPEN}`,
    ),
    repliesSince: p<[string, number], { n: number }>(
      "SELECT count(*) AS n FROM replies WHERE account_id = ? AND sent_at >= ?",
    ),
    lastMenu: p<[string], { sent_at: number }>("SELECT sent_at FROM topic_menus WHERE account_id = ?"),
    claimReminder: p<[string, number, number]>(
      "INSERT OR IGNORE INTO reminders (key, state, claimed_at, updated_at) VALUES (?, 'claimed', ?, ?)",
    ),
    recordReminder: p<[string, string, number, number]>(
      `INSERT INTO reminders (key, state, claimed_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    ),
    settleReminder: p<[string, number, string]>(
      "UPDATE reminders SET state = ?, updated_at = ? WHERE key = ? AND state = 'claimed'",
    ),
    getReminder: p<[string], ReminderSqlRow>("SELECT * FROM reminders WHERE key = ?"),
    greet: p<[string, number]>("INSERT OR IGNORE INTO greetings (account_id, greeted_at) VALUES (?, ?)"),
    pruneOutbox: p<[number]>(
      `DELETE FROM outbox WHERE group_key IN (SELECT group_key FROM outbox GROUP BY group_key
         HAVING sum(state IN ${OPEN}) = 0 AND max(updated_at) < ?)`,
    ),
    pruneNotifications: p<[number, string]>(
      `DELETE FROM notifications WHERE received_at < ? AND id != ?
         AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.notification_id = notifications.id)`,
    ),
    pruneReplies: p<[number]>("DELETE FROM replies WHERE sent_at < ?"),
    pruneMenus: p<[number]>("DELETE FROM topic_menus WHERE sent_at < ?"),
    pruneUnmatched: p<[number]>("DELETE FROM unmatched WHERE created_at < ?"),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
