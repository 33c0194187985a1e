import type { OutboxItem, StateStore } from "../store/state-store.js";
import { type EndpointFamily, FAMILIES, type FamilyGate, familyOf, KIND } from "./pacing.js";

type Gates = Readonly<Record<EndpointFamily, FamilyGate>>;

/**
 * The item to send now: the oldest due one, unless its endpoint family is held back (rate limit,
 * backoff), then the oldest due one of the other family, so favourites never wait for posts.
 */
export function pickNext(store: StateStore, gates: Gates, now: Date): OutboxItem | null {
  const first = store.nextDue(now);
  if (first === null) return null;
  const family = familyOf(first.kind);
  if (gates[family].until <= now.getTime()) return first;
  const other: EndpointFamily = family === "statuses" ? "favourites" : "statuses";
  return gates[other].until <= now.getTime() ? store.nextDue(now, KIND[other]) : null;
}

/**
 * When the next item can go (epoch ms): its due time, but not before its family's gate; at least
 * `minIdleMs` from now, should the store report an item due that it does not hand out. Null when
 * nothing waits.
 */
export function nextWake(store: StateStore, gates: Gates, now: number, minIdleMs: number): number | null {
  let wakeAt: number | null = null;
  for (const family of FAMILIES) {
    const due = store.nextDueAt(KIND[family]);
    if (due === null) continue;
    const at = Math.max(due.getTime(), gates[family].until);
    wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
  }
  if (wakeAt === null) return null;
  return wakeAt > now ? wakeAt : now + minIdleMs;
}
