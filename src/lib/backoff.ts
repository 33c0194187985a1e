/** Capped exponential backoff with jitter, so that clients that failed together do not retry in step. */
export interface BackoffOptions {
  /** Ceiling of the delay before the first retry, in ms. */
  readonly baseMs: number;
  /** No delay exceeds this, however many tries failed. */
  readonly maxMs: number;
  /**
   * `full`: anywhere in [0, ceiling) ("Exponential Backoff And Jitter", AWS architecture blog),
   * which spreads reconnecting clients the most. `equal`: between half and all of the ceiling, so
   * a retry never comes straight back.
   */
  readonly jitter: "full" | "equal";
}

/**
 * The delay before retry number `retry` (0 = the first retry): a ceiling of `base * 2^retry`
 * capped at `max`, jittered. `random` returns a number in [0, 1).
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(retry, 0), 52));
  if (options.jitter === "full") return Math.floor(random() * ceiling);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
