import type { Metrics } from "../observability/metrics.js";
import type { OutboxItem } from "../store/state-store.js";
import type { EndpointFamily } from "./pacing.js";
import type { IdleState } from "./sender-sleep.js";

/** What the sender reports as it works, for metrics; every hook is optional and must not throw. */
export interface OutboxHooks {
  /** An item reached `sent` (posted, favourited, or found on the server after an unknown outcome). */
  onSent?(item: OutboxItem): void;
  /** An item reached `failed` (4xx other than 429). */
  onFailed?(item: OutboxItem, error: Error): void;
  /** Items expired in one go (deadline passed, or the budget resets after it). */
  onExpired?(count: number): void;
  /** A request failed: its HTTP status, or "network" when no answer came. */
  onApiError?(status: number | "network"): void;
  /** Rate-limit headers of a response (or a 429, remaining 0). */
  onRateLimit?(info: { family: EndpointFamily; remaining: number; limit: number | null }): void;
  /** Items not yet settled (pending or sending), after each round. */
  onDepth?(pending: number): void;
  /** The loop sleeps (until `wakeAt`; null: until notified or stopped), or (null) works again. */
  onIdle?(state: IdleState | null): void;
}

/** Hooks that feed the bot's prom-client metrics. */
export function metricsHooks(metrics: Metrics): OutboxHooks {
  return {
    onSent: (item) => {
      if (item.kind === "favourite") metrics.favourites.inc();
      else if (item.reminderKey === null) metrics.repliesPosted.inc();
      else if (item.position === 0) metrics.remindersPosted.inc();
    },
    onExpired: (count) => metrics.repliesExpired.inc(count),
    onApiError: (status) => metrics.apiErrors.inc({ status: String(status) }),
    onRateLimit: ({ family, remaining }) => metrics.rateLimitRemaining.set({ family }, remaining),
    onDepth: (pending) => metrics.outboxDepth.set(pending),
  };
}
