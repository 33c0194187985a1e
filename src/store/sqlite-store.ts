import type Database from "better-sqlite3";
import type { Logger } from "../observability/logger.js";
import type { DataDirLock } from "./data-dir-lock.js";
import { compareIds } from "./notification-id.js";
import { pruneCutoff, unmatchedPruneCutoff } from "./prune-cutoff.js";
import { openSqliteDatabase, type SqliteDatabaseOptions } from "./sqlite-database.js";
import { toStoreError } from "./sqlite-errors.js";
import { fromSqlRow, planGreeting, planReminder, planReply } from "./sqlite-rows.js";
import { type OutboxInsert, prepareStatements, type Statements } from "./sqlite-statements.js";
import type {
  AcceptNotificationInput,
  OutboxGroupInput,
  OutboxItem,
  OutboxKind,
  OutboxState,
  PostAdmission,
  PruneOptions,
  PruneResult,
  ReminderRecord,
  ReminderState,
  StateStore,
  UnmatchedRecord,
} from "./state-store.js";
import type { StoreAccess, StoreObserver } from "./store-health.js";
import { fromUnmatchedRow, toUnmatchedParams } from "./unmatched-rows.js";

export interface SqliteStoreOptions {
  /** Passed in; open and close are logged at info. */
  readonly logger?: Logger;
  /** The DATA_DIR lock taken for this store; `close()` releases it after closing the database. */
  readonly lock?: DataDirLock;
  /** Told the outcome of every read and write (see StoreHealth), so failures do not stay unseen. */
  readonly observer?: StoreObserver;
}

const CURSOR = "cursor";

/** What a reminder's record becomes when one of its items settles this way (sent: once all are). */
const REMINDER_STATE_AFTER: Partial<Record<OutboxState, ReminderState>> = {
  sent: "posted",
  expired: "skipped",
  failed: "failed",
};

/** Why later posts of a group are cancelled when an earlier one settles without being sent. */
function cascadeReason(state: OutboxState, position: number): string {
  return `post ${position} of this group was ${state}`;
}

/** The state store in one SQLite database: a file (WAL) for the bot, `:memory:` for a throwaway one. */
export class SqliteStateStore implements StateStore {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #sql: Statements;
  readonly #logger: Logger | undefined;
  readonly #lock: DataDirLock | undefined;
  readonly #observer: StoreObserver | undefined;

  /** Takes over a migrated database (see `openSqliteDatabase`); `close()` closes it. */
  constructor(db: Database.Database, options: SqliteStoreOptions = {}) {
    this.#db = db;
    this.path = db.name;
    this.#logger = options.logger;
    this.#lock = options.lock;
    this.#observer = options.observer;
    this.#sql = prepareStatements(db);
  }

  /** Opens (creating if needed) and migrates the database at `path`, or a fresh one at `:memory:`. */
  static open(path: string, options: SqliteDatabaseOptions & SqliteStoreOptions = {}): SqliteStateStore {
    return new SqliteStateStore(openSqliteDatabase(path, options), options);
  }

  getCursor(): string | null {
    return this.#read("getCursor", () => this.#cursor());
  }

  advanceCursor(notificationId: string): boolean {
    return this.#write("advanceCursor", () => {
      if (this.#sql.hasSeen.get(notificationId) === undefined) return false;
      const cursor = this.#cursor();
      if (cursor !== null && compareIds(notificationId, cursor) <= 0) return false;
      this.#sql.setMeta.run(CURSOR, notificationId);
      return true;
    });
  }

  hasSeen(notificationId: string): boolean {
    return this.#read("hasSeen", () => this.#sql.hasSeen.get(notificationId) !== undefined);
  }

  acceptNotification(input: AcceptNotificationInput): boolean {
    const rows = planReply(input);
    return this.#write("acceptNotification", () => {
      const at = input.receivedAt.getTime();
      const seen = this.#sql.insertSeen.run(
        input.notificationId,
        input.statusId,
        input.accountId,
        input.kind,
        at,
      );
      if (seen.changes === 0) return false;
      this.#insert(rows);
      if (input.posts.length > 0) this.#sql.insertReply.run(input.accountId, at);
      if (input.topicMenu === true) this.#sql.upsertMenu.run(input.accountId, at);
      if (input.unmatched !== undefined) this.#sql.insertUnmatched.run(...toUnmatchedParams(input.unmatched));
      const cursor = this.#cursor();
      if (
        input.advanceCursor !== false &&
        (cursor === null || compareIds(input.notificationId, cursor) > 0)
      ) {
        this.#sql.setMeta.run(CURSOR, input.notificationId);
      }
      return true;
    });
  }

  inOneCommit<T>(operation: string, fn: () => T): T {
    // Each write inside runs as a savepoint of this transaction (better-sqlite3 nests them).
    return this.#write(operation, fn);
  }

  markStatusDeleted(statusId: string, now: Date): number {
    return this.#write(
      "markStatusDeleted",
      () => this.#sql.cancelForStatus.run(now.getTime(), statusId).changes,
    );
  }

  nextDue(now: Date, kind?: OutboxKind, admit: PostAdmission = "all"): OutboxItem | null {
    return this.#read("nextDue", () => {
      const row = this.#sql.nextDue.get({ now: now.getTime(), kind: kind ?? null, admit });
      return row === undefined ? null : fromSqlRow(row);
    });
  }

  nextDueAt(kind?: OutboxKind, admit: PostAdmission = "all"): Date | null {
    return this.#read("nextDueAt", () => {
      const at = this.#sql.nextDueAt.get({ kind: kind ?? null, admit })?.at ?? null;
      return at === null ? null : new Date(at);
    });
  }

  markSending(id: number, now: Date): boolean {
    return this.#write(
      "markSending",
      () => this.#sql.markSending.run({ id, now: now.getTime() }).changes === 1,
    );
  }

  markSent(id: number, remoteId: string, now: Date): boolean {
    return this.#write("markSent", () => this.#settle(id, "sent", now, remoteId, null));
  }

  markFailed(id: number, message: string, now: Date): boolean {
    return this.#write("markFailed", () => this.#settle(id, "failed", now, null, message));
  }

  markExpired(id: number, now: Date): boolean {
    return this.#write("markExpired", () => this.#settle(id, "expired", now, null, null));
  }

  reschedule(id: number, dueAt: Date, attempts: number, lastError?: string): boolean {
    return this.#write("reschedule", () => {
      const params = { id, dueAt: dueAt.getTime(), attempts, error: lastError ?? null };
      return this.#sql.reschedule.run(params).changes === 1;
    });
  }

  expireOverdue(now: Date): OutboxItem[] {
    return this.#write("expireOverdue", () => {
      const overdue = this.#sql.overdue.all(now.getTime());
      // A cascade from an earlier post may already have cancelled a later one of the same group.
      const expired = overdue.filter((row) => this.#settle(row.id, "expired", now, null, null));
      return expired.map((row) => fromSqlRow(this.#sql.getItem.get(row.id) ?? row));
    });
  }

  inFlight(): OutboxItem[] {
    return this.#read("inFlight", () => this.#sql.inFlight.all().map(fromSqlRow));
  }

  sentRepliesSince(since: Date): Date[] {
    return this.#read("sentRepliesSince", () =>
      this.#sql.sentRepliesSince.all(since.getTime()).map((row) => new Date(row.at)),
    );
  }

  pendingCount(): number {
    return this.#read("pendingCount", () => this.#sql.pendingCount.get()?.n ?? 0);
  }

  repliesSince(accountId: string, since: Date): number {
    return this.#read("repliesSince", () => this.#sql.repliesSince.get(accountId, since.getTime())?.n ?? 0);
  }

  lastTopicMenuAt(accountId: string): Date | null {
    return this.#read("lastTopicMenuAt", () => {
      const row = this.#sql.lastMenu.get(accountId);
      return row === undefined ? null : new Date(row.sent_at);
    });
  }

  claimReminder(key: string, now: Date, outbox?: OutboxGroupInput): boolean {
    const rows = outbox === undefined ? [] : planReminder(key, outbox, now);
    return this.#write("claimReminder", () => {
      if (this.#sql.claimReminder.run(key, now.getTime(), now.getTime()).changes === 0) return false;
      this.#insert(rows);
      return true;
    });
  }

  recordReminder(key: string, state: "posted" | "skipped", now: Date): void {
    this.#write("recordReminder", () =>
      this.#sql.recordReminder.run(key, state, now.getTime(), now.getTime()),
    );
  }

  getReminder(key: string): ReminderRecord | null {
    return this.#read("getReminder", () => {
      const row = this.#sql.getReminder.get(key);
      if (row === undefined) return null;
      return {
        key,
        state: row.state,
        claimedAt: new Date(row.claimed_at),
        updatedAt: new Date(row.updated_at),
      };
    });
  }

  markGreeted(accountId: string, now: Date, outbox?: OutboxGroupInput): boolean {
    const rows = outbox === undefined ? [] : planGreeting(accountId, outbox, now);
    return this.#write("markGreeted", () => {
      if (this.#sql.greet.run(accountId, now.getTime()).changes === 0) return false;
      this.#insert(rows);
      return true;
    });
  }

  unmatchedSince(since: Date): UnmatchedRecord[] {
    return this.#read("unmatchedSince", () =>
      this.#sql.unmatchedSince.all(since.getTime()).map(fromUnmatchedRow),
    );
  }

  prune(now: Date, options: PruneOptions): PruneResult {
    const cutoff = pruneCutoff(now, options);
    const unmatchedCutoff = unmatchedPruneCutoff(now, options);
    return this.#write("prune", () => {
      const outbox = this.#sql.pruneOutbox.run(cutoff).changes;
      const notifications = this.#sql.pruneNotifications.run(cutoff, this.#cursor() ?? "").changes;
      const cooldowns = this.#sql.pruneReplies.run(cutoff).changes + this.#sql.pruneMenus.run(cutoff).changes;
      const unmatched = this.#sql.pruneUnmatched.run(unmatchedCutoff).changes;
      return { notifications, outbox, cooldowns, unmatched };
    });
  }

  close(): void {
    if (!this.#db.open) return;
    this.#db.close();
    this.#lock?.release();
    this.#logger?.info({ path: this.path }, "state store closed");
  }

  #cursor(): string | null {
    return this.#sql.getMeta.get(CURSOR)?.value ?? null;
  }

  #insert(rows: readonly OutboxInsert[]): void {
    for (const row of rows) this.#sql.insertOutbox.run(row);
  }

  /** Moves an open item to a settled state; cancels later posts and settles its reminder. */
  #settle(id: number, state: OutboxState, now: Date, remoteId: string | null, error: string | null): boolean {
    const at = now.getTime();
    if (this.#sql.settle.run({ id, state, now: at, remoteId, error }).changes === 0) return false;
    const row = this.#sql.getItem.get(id);
    if (row === undefined) return true;
    if (state !== "sent") {
      const reason = cascadeReason(state, row.position);
      this.#sql.cascade.run({ groupKey: row.group_key, position: row.position, reason, now: at });
    }
    const next = REMINDER_STATE_AFTER[state];
    const allSent = state !== "sent" || this.#sql.unsentInGroup.get(row.group_key)?.n === 0;
    if (row.reminder_key !== null && next !== undefined && allSent) {
      this.#sql.settleReminder.run(next, at, row.reminder_key);
    }
    return true;
  }

  #read<T>(what: string, fn: () => T): T {
    return this.#run("read", what, fn);
  }

  /** Runs `fn` in an immediate transaction: it takes the write lock first, so two processes queue. */
  #write<T>(what: string, fn: () => T): T {
    return this.#run("write", what, () => this.#db.transaction(fn).immediate());
  }

  #run<T>(access: StoreAccess, what: string, fn: () => T): T {
    let result: T;
    try {
      result = fn();
    } catch (cause) {
      const error = toStoreError(what, cause);
      this.#observer?.failed(access, what, error);
      throw error;
    }
    this.#observer?.succeeded(access);
    return result;
  }
}
