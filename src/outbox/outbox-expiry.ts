import type { OutboxKind, StateStore } from "../store/state-store.js";

/**
 * Expires the pending items of one kind (oldest first) that could only go out at `until` or
 * later but must go before: used while a spent budget holds the kind back. Stops at the first
 * item whose deadline allows the wait. Returns how many expired.
 */
export function expireBefore(store: StateStore, kind: OutboxKind, until: Date, now: Date): number {
  let count = 0;
  for (;;) {
    const item = store.nextDue(until, kind);
    if (item === null || item.deadlineAt.getTime() >= until.getTime()) return count;
    if (!store.markExpired(item.id, now)) return count;
    count++;
  }
}
