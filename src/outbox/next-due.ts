import type { OutboxItem, StateStore } from "../store/state-store.js";
import { type EndpointFamily, FAMILIES, type FamilyGate, familyOf, KIND } from "./pacing.js";
import type { Admission } from "./posting-budget.js";

type Gates = Readonly<Record<EndpointFamily, FamilyGate>>;

const OPEN: Admission = { admit: "all", until: null };

/**
 * The item to send now: the first due one the posting budget admits (fair order, see
 * `StateStore.nextDue`), unless its endpoint family is held back (rate limit, backoff), then the
 * first due one of the other family, so favourites never wait for posts.
 */
export function pickNext(
  store: StateStore,
  gates: Gates,
  now: Date,
  admission: Admission = OPEN,
): OutboxItem | null {
  const first = store.nextDue(now, undefined, admission.admit);
  if (first === null) return null;
  const family = familyOf(first.kind);
  if (gates[family].until <= now.getTime()) return first;
  const other: EndpointFamily = family === "statuses" ? "favourites" : "statuses";
  return gates[other].until <= now.getTime() ? store.nextDue(now, KIND[other], admission.admit) : null;
}

/**
 * When the next item can go (epoch ms): its due time, but not before its family's gate; a post the
 * budget holds back, when the hold may lift. At least `minIdleMs` from now, should the store report
 * an item due that it does not hand out. Null when nothing waits.
 */
export function nextWake(
  store: StateStore,
  gates: Gates,
  now: number,
  minIdleMs: number,
  admission: Admission = OPEN,
): number | null {
  let wakeAt: number | null = null;
  for (const family of FAMILIES) {
    const due = dueAt(store, family, admission);
    if (due === null) continue;
    const at = Math.max(due, gates[family].until);
    wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
  }
  if (wakeAt === null) return null;
  return wakeAt > now ? wakeAt : now + minIdleMs;
}

function dueAt(store: StateStore, family: EndpointFamily, admission: Admission): number | null {
  const admitted = store.nextDueAt(KIND[family], admission.admit)?.getTime() ?? null;
  if (family !== "statuses" || admission.until === null) return admitted;
  const held = store.nextDueAt(KIND[family])?.getTime() ?? null;
  if (held === null) return admitted;
  const lifted = Math.max(held, admission.until);
  return admitted === null ? lifted : Math.min(admitted, lifted);
}
