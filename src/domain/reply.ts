import type { Language } from "./language.js";

/** The posts of one reply, in order; the first answers the mention, the rest chain to it. */
export interface Reply {
  readonly language: Language;
  readonly posts: readonly string[];
}
