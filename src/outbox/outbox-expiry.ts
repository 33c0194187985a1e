import type { Logger } from "../observability/logger.js";
import type { OutboxItem, OutboxKind, StateStore } from "../store/state-store.js";
import type { OutboxHooks } from "./outbox-hooks.js";
import { type EndpointFamily, FAMILIES, type FamilyGate, KIND } from "./pacing.js";
import type { SenderClock } from "./sender-clock.js";

export interface OutboxExpiryOptions {
  readonly store: StateStore;
  readonly clock: SenderClock;
  readonly hooks: OutboxHooks;
  readonly logger: Logger;
}

/** Drops what can no longer go out before its deadline, and says so (hook and log) per batch. */
export class OutboxExpiry {
  readonly #o: OutboxExpiryOptions;

  constructor(options: OutboxExpiryOptions) {
    this.#o = options;
  }

  /** Overdue items; then those that a spent budget holds back until after their deadline. */
  due(now: Date, gates: Readonly<Record<EndpointFamily, FamilyGate>>): void {
    const count = this.#o.store.expireOverdue(now).length;
    this.#report(count);
    for (const family of FAMILIES) {
      const gate = gates[family];
      if (gate.hard && gate.until > now.getTime()) this.heldBack(family, gate.until);
    }
  }

  /** The family's budget is spent until `until`: its items that must go before then expire now. */
  heldBack(family: EndpointFamily, until: number): void {
    this.#report(expireBefore(this.#o.store, KIND[family], new Date(until), this.#o.clock.now()));
  }

  /** Back to pending at `at`, or expired if that is past its deadline. */
  retry(item: OutboxItem, at: number, attempts: number, reason: string): void {
    if (at > item.deadlineAt.getTime()) {
      if (this.#o.store.markExpired(item.id, new Date(this.#o.clock.now().getTime()))) this.#report(1);
      return;
    }
    this.#o.store.reschedule(item.id, new Date(at), attempts, reason);
  }

  #report(count: number): void {
    if (count === 0) return;
    this.#o.hooks.onExpired?.(count);
    this.#o.logger.warn({ count }, "Outbox items expired: they could not be sent before their deadline.");
  }
}

/**
 * Expires the pending items of one kind (oldest first) that could only go out at `until` or
 * later but must go before: used while a spent budget holds the kind back. Stops at the first
 * item whose deadline allows the wait. Returns how many expired.
 */
function expireBefore(store: StateStore, kind: OutboxKind, until: Date, now: Date): number {
  let count = 0;
  for (;;) {
    const item = store.nextDue(until, kind);
    if (item === null || item.deadlineAt.getTime() >= until.getTime()) return count;
    if (!store.markExpired(item.id, now)) return count;
    count++;
  }
}
