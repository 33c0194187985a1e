/** Time as the sender sees it; tests pass a manual clock and move time themselves. */
export interface SenderClock {
  now(): Date;
  /** Calls `fn` once after `ms`; returns a handle for `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers cannot wait longer than this (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: SenderClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.min(Math.max(ms, 0), MAX_TIMER_MS)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
