import type { Tokens } from "./normalize.js";

/** Concepts the matcher derives from the shape of a text rather than from keywords. */
export const BUILT_IN_CONCEPTS = ["question", "bare_question", "short", "weblink"] as const;
export type BuiltInConcept = (typeof BUILT_IN_CONCEPTS)[number];

export const SHORT_WORDS = 3;

/** `links`: how many links to web pages the status has (not mentions or hashtags). */
export function builtInConcepts(tokens: Tokens, links = 0): string[] {
  const found: string[] = [];
  // "Is this legit? <link>": which page is asked about shows only as a link.
  if (links > 0) found.push("weblink");
  if (tokens.questionMarks > 0) found.push("question");
  if (tokens.questionMarks > 0 && tokens.words.length === 0) found.push("bare_question");
  if (tokens.words.length > 0 && tokens.words.length <= SHORT_WORDS) found.push("short");
  return found;
}
