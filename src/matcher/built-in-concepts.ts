import type { Tokens } from "./normalize.js";

/** Concepts the matcher derives from the shape of a text rather than from keywords. */
export const BUILT_IN_CONCEPTS = ["question", "bare_question", "short"] as const;

const SHORT_WORDS = 3;

export function builtInConcepts(tokens: Tokens): string[] {
  const found: string[] = [];
  if (tokens.questionMarks > 0) found.push("question");
  if (tokens.questionMarks > 0 && tokens.words.length === 0) found.push("bare_question");
  if (tokens.words.length > 0 && tokens.words.length <= SHORT_WORDS) found.push("short");
  return found;
}
