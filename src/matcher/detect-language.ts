import type { Language } from "../domain/language.js";
import type { Tokens } from "./normalize.js";

/**
 * Picks the language whose marker words occur most often. The status's own `language` field
 * is only a tie-breaker: clients often set it wrong. Anything unknown answers in `fallback`.
 */
export function detectLanguage(
  tokens: Tokens,
  rawText: string,
  markers: ReadonlyMap<Language, ReadonlySet<string>>,
  hint: string | null,
  fallback: Language,
  /** Languages of keywords only one language file has ("formular", "form"): half a marker each. */
  keywordLanguages: readonly Language[] = [],
): Language {
  const scores = new Map<Language, number>();
  for (const [language, words] of markers) {
    let score = 0;
    for (const word of tokens.words) if (words.has(word)) score++;
    scores.set(language, score + keywordLanguages.filter((l) => l === language).length / 2);
  }
  // Umlauts and ß are strong evidence for German even in a single word ("löschen?").
  if (scores.has("de") && /[äöüß]/i.test(rawText)) scores.set("de", (scores.get("de") ?? 0) + 1.5);
  let best: Language | null = null;
  let bestScore = 0;
  let tie = false;
  for (const [language, score] of scores) {
    if (score > bestScore) [best, bestScore, tie] = [language, score, false];
    else if (score === bestScore && score > 0) tie = true;
  }
  // "de-AT" -> "de"; language files may use three-letter codes ("gsw"), so no fixed length.
  const hinted = hint?.toLowerCase().split("-")[0] ?? null;
  // A post marked as another language ("it", "fr") that shares one short word with English
  // ("all", "on") is not English: weak evidence does not beat the hint; such posts get `fallback`.
  if (hinted !== null && !scores.has(hinted) && bestScore < 2) return fallback;
  if (best === null || tie)
    return hinted !== null && scores.has(hinted) && (best === null || scores.get(hinted) === bestScore)
      ? hinted
      : (best ?? fallback);
  return best;
}
