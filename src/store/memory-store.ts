import { MemoryCooldowns } from "./memory-cooldowns.js";
import { compareIds, newerId } from "./notification-id.js";
import {
  cascadeReason,
  type NewOutboxRow,
  OPEN_STATES,
  type OutboxRow,
  planGreeting,
  planReminder,
  planReply,
  REMINDER_STATE_AFTER,
  toOutboxItem,
} from "./outbox-rows.js";
import { pruneCutoff } from "./prune-cutoff.js";
import type {
  AcceptNotificationInput,
  OutboxGroupInput,
  OutboxItem,
  OutboxKind,
  OutboxState,
  PruneOptions,
  PruneResult,
  ReminderRecord,
  StateStore,
} from "./state-store.js";
import { StoreError } from "./store-errors.js";

interface ReminderEntry {
  state: ReminderRecord["state"];
  claimedAt: number;
  updatedAt: number;
}

/** Orders items oldest mention first, then by id, then by position within a reply. */
function byOrder(a: OutboxRow, b: OutboxRow): number {
  return a.orderAt - b.orderAt || compareIds(a.orderId, b.orderId) || a.position - b.position || a.id - b.id;
}

/**
 * The state store in memory, for local mode and tests: same behaviour as SQLite, gone on exit.
 * Every method checks its input before it changes anything, so each call is all-or-nothing.
 */
export class MemoryStateStore implements StateStore {
  #open = true;
  #cursor: string | null = null;
  #nextId = 1;
  readonly #seen = new Map<string, { receivedAt: number }>();
  readonly #outbox = new Map<number, OutboxRow>();
  /** Rows of each group by position, so that chaining and cascades do not scan the outbox. */
  readonly #groups = new Map<string, OutboxRow[]>();
  readonly #cooldowns = new MemoryCooldowns();
  readonly #reminders = new Map<string, ReminderEntry>();
  readonly #greetings = new Map<string, number>();

  getCursor(): string | null {
    this.#check();
    return this.#cursor;
  }

  advanceCursor(notificationId: string): boolean {
    this.#check();
    if (!this.hasSeen(notificationId)) return false;
    const next = newerId(this.#cursor, notificationId);
    const moved = next !== this.#cursor;
    this.#cursor = next;
    return moved;
  }

  hasSeen(notificationId: string): boolean {
    this.#check();
    return this.#seen.has(notificationId);
  }

  acceptNotification(input: AcceptNotificationInput): boolean {
    this.#check();
    const rows = planReply(input);
    if (this.#seen.has(input.notificationId)) return false;
    const at = input.receivedAt.getTime();
    this.#seen.set(input.notificationId, { receivedAt: at });
    this.#insert(rows);
    if (input.posts.length > 0) this.#cooldowns.recordReply(input.accountId, at);
    if (input.topicMenu === true) this.#cooldowns.recordMenu(input.accountId, at);
    if (input.advanceCursor !== false) this.#cursor = newerId(this.#cursor, input.notificationId);
    return true;
  }

  markStatusDeleted(statusId: string, now: Date): number {
    this.#check();
    let count = 0;
    for (const row of this.#outbox.values()) {
      if (row.statusId !== statusId || row.state !== "pending") continue;
      Object.assign(row, { state: "cancelled", lastError: "status deleted", updatedAt: now.getTime() });
      count++;
    }
    return count;
  }

  nextDue(now: Date, kind?: OutboxKind): OutboxItem | null {
    this.#check();
    let first: OutboxRow | undefined;
    for (const row of this.#ready(kind)) {
      if (row.dueAt <= now.getTime() && (first === undefined || byOrder(row, first) < 0)) first = row;
    }
    return first === undefined ? null : this.#item(first);
  }

  nextDueAt(kind?: OutboxKind): Date | null {
    this.#check();
    const times = this.#ready(kind).map((row) => row.dueAt);
    return times.length === 0 ? null : new Date(Math.min(...times));
  }

  getOutboxItem(id: number): OutboxItem | null {
    this.#check();
    const row = this.#outbox.get(id);
    return row === undefined ? null : this.#item(row);
  }

  outboxGroup(groupKey: string): OutboxItem[] {
    this.#check();
    return this.#group(groupKey).map((row) => this.#item(row));
  }

  markSending(id: number, now: Date): boolean {
    this.#check();
    const row = this.#outbox.get(id);
    if (row?.state !== "pending") return false;
    Object.assign(row, { state: "sending", updatedAt: now.getTime() });
    return true;
  }

  markSent(id: number, remoteId: string, now: Date): boolean {
    this.#check();
    return this.#settle(id, "sent", now, { remoteId });
  }

  markFailed(id: number, message: string, now: Date): boolean {
    this.#check();
    return this.#settle(id, "failed", now, { lastError: message });
  }

  markExpired(id: number, now: Date): boolean {
    this.#check();
    return this.#settle(id, "expired", now, {});
  }

  reschedule(id: number, dueAt: Date, attempts: number, lastError?: string): boolean {
    this.#check();
    const row = this.#outbox.get(id);
    if (row === undefined || !OPEN_STATES.includes(row.state)) return false;
    Object.assign(row, { state: "pending", dueAt: dueAt.getTime(), attempts });
    if (lastError !== undefined) row.lastError = lastError;
    return true;
  }

  expireOverdue(now: Date): OutboxItem[] {
    this.#check();
    const overdue = [...this.#outbox.values()]
      .filter((row) => row.state === "pending" && row.deadlineAt < now.getTime())
      .sort(byOrder);
    // A cascade from an earlier post may already have cancelled a later one of the same group.
    const expired = overdue.filter((row) => this.#settle(row.id, "expired", now, {}));
    return expired.map((row) => this.#item(row));
  }

  inFlight(): OutboxItem[] {
    this.#check();
    const rows = [...this.#outbox.values()].filter((row) => row.state === "sending");
    return rows.sort(byOrder).map((row) => this.#item(row));
  }

  pendingCount(): number {
    this.#check();
    return [...this.#outbox.values()].filter((row) => OPEN_STATES.includes(row.state)).length;
  }

  repliesSince(accountId: string, since: Date): number {
    this.#check();
    return this.#cooldowns.repliesSince(accountId, since.getTime());
  }

  lastTopicMenuAt(accountId: string): Date | null {
    this.#check();
    const at = this.#cooldowns.lastMenu(accountId);
    return at === undefined ? null : new Date(at);
  }

  claimReminder(key: string, now: Date, outbox?: OutboxGroupInput): boolean {
    this.#check();
    const rows = outbox === undefined ? [] : planReminder(key, outbox, now);
    if (this.#reminders.has(key)) return false;
    this.#reminders.set(key, { state: "claimed", claimedAt: now.getTime(), updatedAt: now.getTime() });
    this.#insert(rows);
    return true;
  }

  recordReminder(key: string, state: "posted" | "skipped", now: Date): void {
    this.#check();
    const claimedAt = this.#reminders.get(key)?.claimedAt ?? now.getTime();
    this.#reminders.set(key, { state, claimedAt, updatedAt: now.getTime() });
  }

  getReminder(key: string): ReminderRecord | null {
    this.#check();
    const entry = this.#reminders.get(key);
    if (entry === undefined) return null;
    return {
      key,
      state: entry.state,
      claimedAt: new Date(entry.claimedAt),
      updatedAt: new Date(entry.updatedAt),
    };
  }

  markGreeted(accountId: string, now: Date, outbox?: OutboxGroupInput): boolean {
    this.#check();
    const rows = outbox === undefined ? [] : planGreeting(accountId, outbox, now);
    if (this.#greetings.has(accountId)) return false;
    this.#greetings.set(accountId, now.getTime());
    this.#insert(rows);
    return true;
  }

  prune(now: Date, options: PruneOptions): PruneResult {
    this.#check();
    const cutoff = pruneCutoff(now, options);
    let outbox = 0;
    for (const [groupKey, rows] of [...this.#groups]) {
      if (rows.some((row) => OPEN_STATES.includes(row.state) || row.updatedAt >= cutoff)) continue;
      for (const row of rows) this.#outbox.delete(row.id);
      this.#groups.delete(groupKey);
      outbox += rows.length;
    }
    const referenced = new Set([...this.#outbox.values()].map((row) => row.notificationId));
    let notifications = 0;
    for (const [id, seen] of [...this.#seen]) {
      if (seen.receivedAt >= cutoff || id === this.#cursor || referenced.has(id)) continue;
      this.#seen.delete(id);
      notifications++;
    }
    return { notifications, outbox, cooldowns: this.#cooldowns.prune(cutoff) };
  }

  close(): void {
    this.#open = false;
  }

  #check(): void {
    if (!this.#open) throw new StoreError("The state store is closed; it cannot be used after close().");
  }

  #insert(rows: readonly NewOutboxRow[]): void {
    for (const row of rows) {
      if (this.#group(row.groupKey).some((other) => other.idempotencyKey === row.idempotencyKey)) continue;
      const stored = { ...row, id: this.#nextId++ };
      this.#outbox.set(stored.id, stored);
      this.#groups.set(row.groupKey, [...this.#group(row.groupKey), stored]);
    }
  }

  #group(groupKey: string): OutboxRow[] {
    return this.#groups.get(groupKey) ?? [];
  }

  #previous(row: OutboxRow): OutboxRow | undefined {
    return this.#group(row.groupKey)[row.position - 1];
  }

  /** Pending items whose turn has come apart from time: a chained post waits for its predecessor. */
  #ready(kind: OutboxKind | undefined): OutboxRow[] {
    return [...this.#outbox.values()].filter(
      (row) =>
        row.state === "pending" &&
        (kind === undefined || row.kind === kind) &&
        (!row.chainToPrevious || this.#previous(row)?.state === "sent"),
    );
  }

  #item(row: OutboxRow): OutboxItem {
    return toOutboxItem(row, row.chainToPrevious ? (this.#previous(row)?.remoteId ?? null) : null);
  }

  #settle(id: number, state: OutboxState, now: Date, fields: Partial<OutboxRow>): boolean {
    const row = this.#outbox.get(id);
    if (row === undefined || !OPEN_STATES.includes(row.state)) return false;
    Object.assign(row, fields, { state, updatedAt: now.getTime() });
    if (state !== "sent") {
      for (const later of this.#group(row.groupKey)) {
        if (later.position <= row.position || later.state !== "pending") continue;
        Object.assign(later, {
          state: "cancelled",
          lastError: cascadeReason(state, row.position),
          updatedAt: now.getTime(),
        });
      }
    }
    this.#settleReminder(row, state, now);
    return true;
  }

  #settleReminder(row: OutboxRow, state: OutboxState, now: Date): void {
    const next = REMINDER_STATE_AFTER[state];
    const entry = row.reminderKey === null ? undefined : this.#reminders.get(row.reminderKey);
    if (next === undefined || entry?.state !== "claimed") return;
    if (state === "sent" && this.#group(row.groupKey).some((other) => other.state !== "sent")) return;
    Object.assign(entry, { state: next, updatedAt: now.getTime() });
  }
}
