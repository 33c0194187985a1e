import type { Language } from "./language.js";

/** The posts of one reply, in order; the first answers the mention, the rest chain to it. */
export interface Reply {
  readonly language: Language;
  readonly posts: readonly string[];
  /**
   * When the text stops being true: the next local midnight if it counts the days or reads
   * differently before, on and after the deadline; null when it reads the same any day.
   */
  readonly validUntil: Date | null;
}
