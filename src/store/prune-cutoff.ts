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
