import { eld } from "eld/small";
import type { Language } from "../domain/language.js";
import type { Tokens } from "./normalize.js";

/** What the matcher knows besides the words themselves, for posts too short to tell. */
export interface LanguageEvidence {
  /** The status's `language` field: the author's interface language, often not the post's. */
  readonly hint: string | null;
  /** Languages of keywords only one language file has ("formulaire", "form"). */
  readonly keywordLanguages: readonly Language[];
  /** Marker words by language (the files' `markers`): a last resort for one-word posts. */
  readonly markers: ReadonlyMap<Language, ReadonlySet<string>>;
}

/** Scores within this share of the best count as a tie, which the matcher's evidence breaks. */
const TIE_MARGIN = 0.05;

/**
 * The language to answer in: the one the words are written in (eld's n-gram model) when a
 * knowledge file exists for it, else `fallback`. A post too short for the model ("Insta?") follows
 * the keywords, the marker words and then the status's tag. Pure: the model is static data.
 */
export function detectLanguage(
  tokens: Tokens,
  rawText: string,
  known: ReadonlySet<Language>,
  evidence: LanguageEvidence,
  fallback: Language,
): Language {
  const result = eld.detect(rawText);
  if (result.language === "" || !result.isReliable())
    return (
      weakEvidence(tokens, [...known], evidence) ?? (known.has(result.language) ? result.language : fallback)
    );
  const ranked = Object.entries(result.getScores()).sort((a, b) => b[1] - a[1]);
  const [best, bestScore] = ranked[0]!;
  // "Formular für Insta?": n-grams nearly equal for several languages; the keywords decide.
  const close = ranked.filter(([, score]) => score >= bestScore * (1 - TIE_MARGIN)).map(([code]) => code);
  if (close.length === 1) return known.has(best) ? best : fallback;
  const candidates = close.filter((code) => known.has(code));
  if (candidates.length === 0) return fallback;
  return weakEvidence(tokens, candidates, evidence) ?? candidates[0]!;
}

/** Keywords, then marker words, then the status's tag: the language among `candidates`, or null. */
function weakEvidence(
  tokens: Tokens,
  candidates: readonly Language[],
  { hint, keywordLanguages, markers }: LanguageEvidence,
): Language | null {
  const counts = new Map<Language, number>();
  for (const code of candidates) {
    const words = markers.get(code);
    let n = keywordLanguages.filter((l) => l === code).length;
    if (words) for (const word of tokens.words) if (words.has(word)) n += 0.5;
    if (n > 0) counts.set(code, n);
  }
  const top = Math.max(0, ...counts.values());
  const leaders = [...counts].filter(([, n]) => n === top).map(([code]) => code);
  // "de-AT" -> "de"; a tag breaks a tie of the words or speaks when they say nothing.
  const hinted = hint?.toLowerCase().split("-")[0] ?? null;
  if (leaders.length === 1) return leaders[0]!;
  if (hinted !== null && candidates.includes(hinted) && (leaders.length === 0 || leaders.includes(hinted)))
    return hinted;
  return null;
}
