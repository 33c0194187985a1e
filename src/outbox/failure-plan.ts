import { type BackoffOptions, backoffDelay } from "../lib/backoff.js";
import type { OutboxItem, StateStore } from "../store/state-store.js";
import { type ApiRequestError, ClientError, RateLimitedError } from "./errors.js";
import type { FamilyGate } from "./pacing.js";

/** A family's gate with its count of consecutive failed requests (for the backoff). */
export interface Gate extends FamilyGate {
  readonly failures: number;
}

export type FailurePlan =
  /** The request itself was refused: record the item as failed. */
  | { readonly kind: "fail"; readonly reason: string }
  /** Try the item again at `at`, and hold its whole family back until `gate.until`. */
  | { readonly kind: "retry"; readonly at: number; readonly attempts: number; readonly gate: Gate };

export interface FailurePlanOptions {
  readonly random: () => number;
  readonly backoff: BackoffOptions;
  readonly minRateLimitWaitMs: number;
  /** The sender is stopping: a retry is due at once (the next start sends it). */
  readonly stopping: boolean;
}

/**
 * What to do after a failed request. 429: wait for the reset (at least a short, doubling floor,
 * as clocks differ), attempts unchanged because nothing was created. 5xx, network errors and 401
 * (a token problem is no fault of the item; it expires at its deadline if not fixed): back off,
 * one more attempt, which makes the next try look on the server first. Other 4xx: fail.
 */
export function planFailure(
  item: OutboxItem,
  error: ApiRequestError,
  previous: Gate,
  now: number,
  options: FailurePlanOptions,
): FailurePlan {
  if (error instanceof ClientError && error.status !== 401) {
    return { kind: "fail", reason: failureReason(item, error) };
  }
  const failures = previous.failures + 1;
  const backoff = backoffDelay(failures - 1, options.backoff, options.random);
  if (error instanceof RateLimitedError) {
    const floor = backoffDelay(
      failures - 1,
      { ...options.backoff, baseMs: options.minRateLimitWaitMs },
      options.random,
    );
    const until = Math.max(error.resetAt?.getTime() ?? now + backoff, now + floor);
    return { kind: "retry", at: until, attempts: item.attempts, gate: { until, hard: true, failures } };
  }
  const until = options.stopping ? now : now + backoff;
  return { kind: "retry", at: until, attempts: item.attempts + 1, gate: { until, hard: false, failures } };
}

/** What `markFailed` records: the server's message, and plainly when the target was deleted. */
export function failureReason(item: OutboxItem, error: ClientError): string {
  if (!error.targetGone) return `${error.status} ${error.serverMessage}`;
  const what = item.kind === "favourite" ? "status to favourite" : "status to reply to";
  return `the ${what} was deleted or is not visible (404 ${error.serverMessage})`;
}

/**
 * Items left in `sending` (a crash or a stop that gave up): back to pending, due now, with one
 * more attempt, which makes the sender look for the post on the server before any resend.
 */
export function recoverInFlight(store: StateStore, now: Date): number {
  const items = store.inFlight();
  for (const item of items)
    store.reschedule(item.id, now, item.attempts + 1, "outcome unknown after a restart");
  return items.length;
}
