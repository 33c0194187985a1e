/** Capped exponential backoff with jitter for retrying 5xx and network failures. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. @default 2000 */
  readonly baseMs?: number;
  /** Longest delay, in ms. @default 300000 (5 min) */
  readonly maxMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { baseMs: 2_000, maxMs: 300_000 };

/**
 * The delay before retry number `failures` (1 = first retry): `base * 2^(failures-1)`, capped,
 * then "equal jitter" (between half and all of it) so that many bots do not retry in step.
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(failures: number, random: () => number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const capped = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(capped / 2 + (capped / 2) * random());
}
