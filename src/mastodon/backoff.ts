export interface BackoffOptions {
  /** Delay ceiling of the first retry. */
  readonly baseMs: number;
  /** No delay exceeds this, however many attempts failed. */
  readonly maxMs: number;
}

/**
 * Capped exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture
 * blog): a uniform delay in [0, min(max, base * 2^attempt)), so many clients that lost the same
 * server do not come back in lockstep. `attempt` counts from 0; `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 52));
  return Math.floor(random() * ceiling);
}
