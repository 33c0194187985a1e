import type { Language } from "../domain/language.js";
import type { Visibility } from "../domain/mention.js";

/** What an outbox item does on the server: create a status, or favourite one. */
export type OutboxKind = "post" | "favourite";

/**
 * pending → sending → sent | failed | expired; pending → cancelled (status deleted, or an earlier
 * post of the same reply did not go out). `sending` at start-up means "outcome unknown".
 */
export type OutboxState = "pending" | "sending" | "sent" | "failed" | "expired" | "cancelled";

/**
 * Which posts the posting budget lets go now (see src/outbox/posting-budget.ts): `all`; `priority`,
 * replies to accounts with no other reply in the hour before, plus reminders and greetings; or
 * `no-replies`, reminders and greetings only. Favourites and the later posts of a begun reply
 * always go.
 */
export type PostAdmission = "all" | "priority" | "no-replies";

/** One post to enqueue, as the composer and the reply policy decide it. */
export interface OutboxPostInput {
  readonly text: string;
  readonly language: Language;
  readonly visibility: Visibility;
  /** The status this post answers, or null for a top-level post; ignored when `chainToPrevious`. */
  readonly inReplyToId: string | null;
  /** Answer the previous post of the same reply once it is sent (a thread); never on post 0. */
  readonly chainToPrevious?: boolean;
}

/** A notification as the listener hands it over, with what to send for it. */
export interface AcceptNotificationInput {
  readonly notificationId: string;
  /** The status the notification is about (the mention); null for follows. */
  readonly statusId: string | null;
  /** The account that caused the notification (the author of a mention). */
  readonly accountId: string;
  /** Mastodon's notification type: `mention`, `follow`, `status`, `update`, ... */
  readonly kind: string;
  readonly receivedAt: Date;
  /** The notification's `created_at`; orders the outbox, oldest mention first. Default `receivedAt`. */
  readonly createdAt?: Date;
  /** The reply's posts; empty when nothing is said. A non-empty reply counts for the per-account cooldown. */
  readonly posts: readonly OutboxPostInput[];
  /** Favourite the status (thanks); needs `statusId`. */
  readonly favourite?: boolean;
  /** After this, the reply is dropped as expired. Required when posts or a favourite are enqueued. */
  readonly deadlineAt?: Date;
  /** The posts are the topic menu: records `receivedAt` as the account's last menu time. */
  readonly topicMenu?: boolean;
  /** A mention the bot did not understand, kept for the operator's review (see `unmatchedReason`). */
  readonly unmatched?: UnmatchedInput;
  /**
   * Replies already queued to this account in the hour before (the per-account cooldown's count):
   * 0 for a first-time asker. The outbox sends lower ranks first, so a flood's second replies wait
   * behind others' first ones. @default 0
   */
  readonly accountRank?: number;
  /**
   * Move the cursor to this id when it is newer (default true). Pass false for notifications that
   * may arrive ahead of older, not yet accepted ones (the stream while catch-up is still paging), so
   * that a crash can never leave the cursor past a notification nobody queued.
   */
  readonly advanceCursor?: boolean;
}

/** The posts of a reminder or a greeting; each goes out as a group, chained like a reply. */
export interface OutboxGroupInput {
  readonly posts: readonly OutboxPostInput[];
  /** When the first post may be sent. */
  readonly dueAt: Date;
  /** After this, the posts are dropped as expired. */
  readonly deadlineAt: Date;
}

interface OutboxItemBase {
  /** Store-assigned, never reused. */
  readonly id: number;
  /** Sent as the `Idempotency-Key` header: stable across restarts. */
  readonly idempotencyKey: string;
  /** The reply, reminder or greeting this item belongs to (see `replyGroupKey` and friends). */
  readonly groupKey: string;
  /** Index of the item within its group, from 0. */
  readonly position: number;
  readonly state: OutboxState;
  /** Set by the sender through `reschedule`. */
  readonly attempts: number;
  /** The server's id of the created status (posts) or of the favourited status; set when sent. */
  readonly remoteId: string | null;
  /** The server's message on failure, or why the item was cancelled, or the last retry's cause. */
  readonly lastError: string | null;
  readonly notificationId: string | null;
  readonly reminderKey: string | null;
  /** The status the reply answers (a post's context for "was it already posted?") or favourites. */
  readonly statusId: string | null;
  readonly accountId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly dueAt: Date;
  readonly deadlineAt: Date;
}

export interface OutboxPost extends OutboxItemBase {
  readonly kind: "post";
  readonly text: string;
  readonly language: Language;
  readonly visibility: Visibility;
  readonly chainToPrevious: boolean;
  /**
   * The `in_reply_to_id` to send: for a chained post, the remote id of the previous post of the
   * same group (null until that one is sent; such a post is never due before).
   */
  readonly inReplyToId: string | null;
}

export interface OutboxFavourite extends OutboxItemBase {
  readonly kind: "favourite";
  readonly statusId: string;
}

export type OutboxItem = OutboxPost | OutboxFavourite;

/** A planned reminder slot: `claimed` until its posts are all sent (`posted`) or dropped. */
export type ReminderState = "claimed" | "posted" | "skipped" | "failed";

export interface ReminderRecord {
  readonly key: string;
  readonly state: ReminderState;
  readonly claimedAt: Date;
  readonly updatedAt: Date;
}

/**
 * What is kept of a mention the bot did not understand: its text and what the bot made of it,
 * never who wrote it (no account, no handle, no status id).
 */
export interface UnmatchedInput {
  /** The status HTML, as the matcher read it. */
  readonly content: string;
  /** The status's language as the author's client set it, or null. */
  readonly language: string | null;
  /** The language the matcher detected (the reply's language). */
  readonly detectedLanguage: Language;
  /** The intents the matcher found (often none). */
  readonly found: readonly string[];
  /** Why it counts as not understood: `menu`, `nothing`, or `silent:<policy reason>`. */
  readonly reason: string;
  /** When the mention was written. */
  readonly createdAt: Date;
}

/** A kept unmatched mention, oldest first. */
export interface UnmatchedRecord extends UnmatchedInput {
  readonly id: number;
}

export interface PruneOptions {
  /** Rows older than this many days are dropped (at least 1: cooldowns look back a day). */
  readonly keepDays: number;
  /** `KEEP_UNMATCHED`: unmatched mentions written longer ago are dropped; 0 drops them all. @default keepDays */
  readonly keepUnmatchedMs?: number;
}

/** How many rows `prune` dropped, by kind. */
export interface PruneResult {
  readonly notifications: number;
  readonly outbox: number;
  readonly cooldowns: number;
  readonly unmatched: number;
}

/**
 * The bot's durable state: seen notifications and the cursor, the outbox, cooldowns, reminders and
 * greetings. Every method is atomic; methods that say "once" hold even for two processes on one file.
 */
export interface StateStore {
  /** The newest notification id whose reply is durably queued, or null before the first. */
  getCursor(): string | null;
  /** Whether this notification was already accepted. */
  hasSeen(notificationId: string): boolean;
  /**
   * Moves the cursor forward to an id that is already accepted (the stream got there first);
   * catch-up calls it so the cursor does not lag behind. Unknown or older ids change nothing.
   */
  advanceCursor(notificationId: string): boolean;
  /** Records the notification, enqueues its items, counts cooldowns, moves the cursor; false if seen. */
  acceptNotification(input: AcceptNotificationInput): boolean;
  /**
   * Group commit: the writes `fn` makes are committed together, once (one sync to disk for a burst,
   * not one per notification). A write inside that throws is undone alone; if the commit fails,
   * none of them is stored. `fn` must not await: nothing else may read the store mid-way.
   * `operation` names the group in errors and metrics (as a single write's name would).
   */
  inOneCommit<T>(operation: string, fn: () => T): T;
  /** Cancels the pending items that answer or favourite this status; returns how many. */
  markStatusDeleted(statusId: string, now: Date): number;

  /**
   * The due item to send next, optionally of one kind and among the posts `admit` lets through
   * (default all); chained posts wait. Order: lowest `accountRank` first (a begun reply's later
   * posts count as 0), then oldest mention.
   */
  nextDue(now: Date, kind?: OutboxKind, admit?: PostAdmission): OutboxItem | null;
  /** When the earliest pending item (of the kind, among those admitted) becomes due, or null if none. */
  nextDueAt(kind?: OutboxKind, admit?: PostAdmission): Date | null;
  /** pending → sending, just before the request; false if another sender took it or it is settled. */
  markSending(id: number, now: Date): boolean;
  /** → sent with the server's id; false if the item is already settled. */
  markSent(id: number, remoteId: string, now: Date): boolean;
  /** → failed with the server's message; later posts of the group are cancelled. */
  markFailed(id: number, message: string, now: Date): boolean;
  /** → expired (too late to be useful); later posts of the group are cancelled. */
  markExpired(id: number, now: Date): boolean;
  /** → pending again, due at `dueAt`, with the sender's attempt count and the retry's cause. */
  reschedule(id: number, dueAt: Date, attempts: number, lastError?: string): boolean;
  /** Marks every pending item past its deadline expired (cascading as `markExpired`); returns them. */
  expireOverdue(now: Date): OutboxItem[];
  /** Items in `sending`: at start-up, the ones whose outcome is unknown (look on the server first). */
  inFlight(): OutboxItem[];
  /** When each reply sent at or after `since` went out (its first post), oldest first: the hourly cap's count. */
  sentRepliesSince(since: Date): Date[];
  /** Outbox depth: items not yet settled (pending or sending). */
  pendingCount(): number;

  /** How many replies were queued to this account at or after `since`. */
  repliesSince(accountId: string, since: Date): number;
  /** When the topic menu was last queued for this account, or null. */
  lastTopicMenuAt(accountId: string): Date | null;

  /** Claims a reminder slot and enqueues its posts, atomically; true only for the first claim. */
  claimReminder(key: string, now: Date, outbox?: OutboxGroupInput): boolean;
  /** Sets the slot's final state (after claiming it); creates the row if there is none. */
  recordReminder(key: string, state: "posted" | "skipped", now: Date): void;
  /** The slot's record, or null if never claimed. */
  getReminder(key: string): ReminderRecord | null;

  /** Records a greeting and enqueues its posts, atomically; false if this account was greeted before. */
  markGreeted(accountId: string, now: Date, outbox?: OutboxGroupInput): boolean;

  /** The kept unmatched mentions written at or after `since`, oldest first. */
  unmatchedSince(since: Date): UnmatchedRecord[];

  /**
   * Drops settled outbox items, seen notifications (not the cursor's) and cooldowns older than
   * keepDays, and unmatched mentions older than keepUnmatchedMs.
   */
  prune(now: Date, options: PruneOptions): PruneResult;
  /** Releases the store; always call it (on shutdown, in `finally`). */
  close(): void;
}
