import type { OutboxItem, OutboxKind } from "../store/state-store.js";
import type { RateLimitInfo } from "./status-poster.js";

/** The endpoint families paced apart: statuses (posts) and favourites have separate budgets. */
export type EndpointFamily = "statuses" | "favourites";

export const FAMILIES = ["statuses", "favourites"] as const satisfies readonly EndpointFamily[];
/** The outbox items each family sends. */
export const KIND: Record<EndpointFamily, OutboxKind> = { statuses: "post", favourites: "favourite" };

export function familyOf(kind: OutboxItem["kind"]): EndpointFamily {
  return kind === "post" ? "statuses" : "favourites";
}

/** When the next request of an endpoint family may go, and whether waiting longer is pointless. */
export interface FamilyGate {
  /** Epoch ms; the family sends nothing before. */
  readonly until: number;
  /**
   * True when the budget is spent (429, or `remaining` 0): nothing can go before `until`, so items
   * whose deadline lies earlier can be expired now. False for self-imposed spacing.
   */
  readonly hard: boolean;
}

/**
 * A window that resets sooner than this is waited out, not managed: spreading requests over it
 * (pacing) or keeping part of it back (the posting reserve) would cost more than its reset does.
 */
export const SHORT_WINDOW_MS = 10_000;

export interface PacingOptions {
  /**
   * Spread requests once `remaining` is at or below this share of `limit` (at least 1 request).
   * @default 0.1
   */
  readonly lowShare?: number;
  /**
   * Spread only when the reset is further away than this. Sooner, waiting for it costs a later
   * mention at most that long, while spreading would slow a queue down in every short window.
   * @default 10000
   */
  readonly spreadBeyondMs?: number;
}

/**
 * The gate after a response with these rate-limit headers. Plenty left, or a reset within
 * `spreadBeyondMs`: no wait. Low: the remaining requests are spread evenly over the time to the
 * reset (`(reset - now) / (remaining + 1)` apart, so the last one still fits in the window). None
 * left: wait for the reset.
 */
export function gateAfter(info: RateLimitInfo | null, now: number, options: PacingOptions = {}): FamilyGate {
  if (info === null) return { until: now, hard: false };
  const reset = info.resetAt.getTime();
  if (reset <= now) return { until: now, hard: false };
  if (info.remaining <= 0) return { until: reset, hard: true };
  const low = Math.max(1, Math.floor(info.limit * (options.lowShare ?? 0.1)));
  if (info.remaining > low || reset - now <= (options.spreadBeyondMs ?? SHORT_WINDOW_MS)) {
    return { until: now, hard: false };
  }
  return { until: now + Math.ceil((reset - now) / (info.remaining + 1)), hard: false };
}
