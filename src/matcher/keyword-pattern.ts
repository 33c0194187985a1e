import { foldText } from "./normalize.js";

/** One word of a keyword: exact, or a prefix when written with a trailing `*`. */
export interface PatternElement {
  readonly kind: "word" | "prefix";
  readonly text: string;
}

/** A keyword compiled: elements that must follow each other; `gapBefore[i]` allows words between. */
export interface KeywordPattern {
  readonly concept: string;
  readonly elements: readonly PatternElement[];
  readonly gapBefore: readonly boolean[];
}

/** How many words `a ... b` allows between a and b. */
export const GAP_WORDS = 6;
const MIN_PREFIX = 3;

/**
 * Parses a keyword as written in a language file: `instagram`, `widersprech*`, `opt out`,
 * `stop ... training`. Returns a problem description instead when it cannot be used.
 */
export function parseKeyword(concept: string, raw: string): KeywordPattern | string {
  const parts = foldText(raw).trim().split(/\s+/);
  const elements: PatternElement[] = [];
  const gapBefore: boolean[] = [];
  let gap = false;
  for (const part of parts) {
    if (part === "...") {
      gap = true;
      continue;
    }
    const prefix = part.endsWith("*");
    const text = prefix ? part.slice(0, -1) : part;
    if (!/^[\p{L}\p{N}]+$/u.test(text))
      return `"${raw}": "${part}" must be letters or digits (one optional trailing *)`;
    if (prefix && text.length < MIN_PREFIX) return `"${raw}": a prefix needs at least ${MIN_PREFIX} letters`;
    elements.push({ kind: prefix ? "prefix" : "word", text });
    gapBefore.push(gap && elements.length > 1);
    gap = false;
  }
  if (elements.length === 0) return `"${raw}": empty keyword`;
  return { concept, elements, gapBefore };
}
