import type { PruneOptions } from "./state-store.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The time before which `prune` drops rows; refuses windows shorter than the cooldowns look back. */
export function pruneCutoff(now: Date, options: PruneOptions): number {
  if (!Number.isFinite(options.keepDays) || options.keepDays < 1) {
    throw new RangeError(
      `prune: keepDays must be at least 1 (the cooldowns look back a day), got ${options.keepDays}.`,
    );
  }
  return now.getTime() - options.keepDays * DAY_MS;
}

/** The time before which `prune` drops unmatched mentions: KEEP_UNMATCHED back (0: all of them). */
export function unmatchedPruneCutoff(now: Date, options: PruneOptions): number {
  const keepMs = options.keepUnmatchedMs ?? options.keepDays * DAY_MS;
  if (!Number.isFinite(keepMs) || keepMs < 0) {
    throw new RangeError(`prune: keepUnmatchedMs must be 0 or more, got ${keepMs}.`);
  }
  return now.getTime() - keepMs;
}
