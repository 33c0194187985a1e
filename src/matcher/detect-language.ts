import { detectAll } from "tinyld/light";
import type { Language } from "../domain/language.js";
import { isLetterBeyondAscii, NON_ASCII, type Tokens } from "./normalize.js";

/** What the matcher knows besides the words themselves, for posts too short to tell. */
export interface LanguageEvidence {
  /** The status's `language` field: the author's interface language, often not the post's. */
  readonly hint: string | null;
  /** Languages of keywords only one language file has ("formulaire", "form"). */
  readonly keywordLanguages: readonly Language[];
  /** Marker words → their languages (the files' `markers`): a last resort for one-word posts. */
  readonly markers: ReadonlyMap<string, readonly Language[]>;
  /** The letters beyond a–z that the language files' words keep after folding ("ł"). */
  readonly letters: ReadonlySet<string>;
}

/** The count of words with letters no language file writes (ø, đ, Greek, Cyrillic). */
const OTHER_LETTERS = "*";

/** How many times the runner-up's score tinyld's best must reach to be trusted. */
const RELIABLE = 2;
/** Below this score tinyld is guessing (a 100,000-letter "aaaa…" scores 0.001). */
const NOISE = 0.01;
/**
 * The model reads at most this many characters: its cost grows with the text (about 3 µs a
 * character), and the first sentence or two tell the language as well as the whole post does.
 */
const MODEL_SAMPLE = 120;
/** Own keywords (1 each) and marker words (0.5 each) that outweigh a model's guess without a file. */
const STRONG = 2;
/** Own keywords and marker words enough to answer without asking the model at all. */
const CLEAR = 2;
/** Marker words (0.5 each) of a language without a file that, leading, make a post foreign. */
const FOREIGN = 1;
/** Without a tag, a lead this large over the runner-up (one own keyword) needs no model either. */
const UNTAGGED_LEAD = 1;

/**
 * The language to answer in: the one the words are written in (tinyld's model) when a knowledge
 * file exists for it, else `fallback`. The model costs ten times the rest of the matcher, so it is
 * asked only when the words and the tag leave the language open: not when the post's own
 * keywords and marker words lead with the status's tag among the leaders, or say nothing of any
 * language (then the tag speaks), or clearly name one language. A post too short for the model
 * ("Insta?") follows the keywords, the marker words and then the tag.
 * Pure: the model is static data.
 */
export function detectLanguage(
  tokens: Tokens,
  rawText: string,
  known: ReadonlySet<Language>,
  evidence: LanguageEvidence,
  fallback: Language,
): Language {
  const counts = wordCounts(tokens, evidence);
  const isKnown = (code: Language) => known.has(code);
  // Words of a language without a file lead ("Ako sa môžem…"): not the tag's or the model's
  // guess among the known ones (tinyld reads Slovak as French, Croatian as Polish). The fallback's
  // own keywords do not stand against them: they answer in it either way, and its file lists
  // words of those languages ("námitka" in English's `object`).
  if (foreignLeads(counts, isKnown, fallback)) return fallback;
  // Below, a language without a file that ties the leader keeps the shortcuts from deciding.
  const anyCode = () => true;
  const hinted = baseCode(evidence.hint);
  if (hinted !== null && known.has(hinted)) {
    const leaders = wordLeaders(counts, anyCode);
    if (leaders.length === 0 || leaders.includes(hinted)) return hinted;
  }
  // Clear words of one language need no model: it costs ten times the rest of the matcher.
  const clear = soleLeader(counts, anyCode, CLEAR);
  if (clear !== null) return clear;
  if (hinted === null) {
    const leader = leading(counts, anyCode, UNTAGGED_LEAD);
    if (leader !== null) return leader;
  }
  const ranked = detectAll(sample(rawText));
  const [top, second] = ranked;
  if (
    top !== undefined &&
    top.accuracy >= NOISE &&
    (second === undefined || top.accuracy >= RELIABLE * second.accuracy)
  ) {
    if (known.has(top.lang)) {
      // Not a guess no word supports while a language without a file has words: tinyld reads
      // Slovak as French.
      const unsupported = !counts.has(top.lang) && otherCount(counts, isKnown) >= FOREIGN;
      return unsupported ? fallback : top.lang;
    }
    // A model's confident guess without a file ("hu" for Swedish slang) yields to clear own
    // words, unless a language without a file has as many (Czech "jak mám" is Polish too).
    const strong = soleLeader(counts, anyCode, STRONG);
    return strong !== null && known.has(strong) ? strong : fallback;
  }
  // Close call: the post's own words decide, else they pick among the model's front runners.
  const front = ranked
    .filter((r) => r.accuracy >= NOISE && known.has(r.lang))
    .slice(0, 3)
    .map((r) => r.lang);
  const decided =
    soleLeader(counts, isKnown) ?? weakEvidence(counts, (code) => front.includes(code), evidence) ?? front[0];
  if (decided !== undefined) return decided;
  // "Grazie mille!" tagged it: a German keyword alone does not make an Italian post German.
  if (hinted !== null && !known.has(hinted)) return fallback;
  return weakEvidence(counts, isKnown, evidence) ?? fallback;
}

/** Does a language without a file have the most marker words (the fallback aside), and at least FOREIGN? */
function foreignLeads(
  counts: ReadonlyMap<Language, number>,
  isKnown: (code: Language) => boolean,
  fallback: Language,
): boolean {
  let known = 0;
  for (const [code, n] of counts) if (isKnown(code) && code !== fallback) known = Math.max(known, n);
  const other = otherCount(counts, isKnown);
  return other >= FOREIGN && other > known;
}

/** The highest count of a language without a file. */
function otherCount(counts: ReadonlyMap<Language, number>, isKnown: (code: Language) => boolean): number {
  let other = 0;
  for (const [code, n] of counts) if (!isKnown(code)) other = Math.max(other, n);
  return other;
}

/** The start of the text, cut at white space (a space or a line break) so that no word is cut in two. */
function sample(text: string): string {
  if (text.length <= MODEL_SAMPLE) return text;
  const space = Math.max(text.lastIndexOf(" ", MODEL_SAMPLE), text.lastIndexOf("\n", MODEL_SAMPLE));
  return text.slice(0, space > MODEL_SAMPLE / 2 ? space : MODEL_SAMPLE);
}

/** "de-AT" -> "de"; language files may use three-letter codes ("gsw"), so no fixed length. */
function baseCode(tag: string | null): string | null {
  return tag?.toLowerCase().split("-")[0] ?? null;
}

/** Each language's own keywords (1 each) and marker words (0.5 each) in the post; counted once. */
function wordCounts(
  tokens: Tokens,
  { keywordLanguages, markers, letters }: LanguageEvidence,
): Map<Language, number> {
  const counts = new Map<Language, number>();
  for (const code of keywordLanguages) counts.set(code, (counts.get(code) ?? 0) + 1);
  for (const word of tokens.words) {
    const codes = markers.get(word);
    if (codes !== undefined) for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 0.5);
    // A word written with a letter of no known language is like a marker word of another one.
    if (NON_ASCII.test(word) && hasOtherLetter(word, letters))
      counts.set(OTHER_LETTERS, (counts.get(OTHER_LETTERS) ?? 0) + 0.5);
  }
  return counts;
}

function hasOtherLetter(word: string, letters: ReadonlySet<string>): boolean {
  for (const c of word) if (!letters.has(c) && isLetterBeyondAscii(c)) return true;
  return false;
}

/** The one language among the candidates with the highest count (at least `atLeast`), or null. */
function soleLeader(
  counts: ReadonlyMap<Language, number>,
  isCandidate: (code: Language) => boolean,
  atLeast = 0,
): Language | null {
  const leaders = wordLeaders(counts, isCandidate, atLeast);
  return leaders.length === 1 ? leaders[0]! : null;
}

/** The candidate whose count is at least `lead` above every other's, or null. */
function leading(
  counts: ReadonlyMap<Language, number>,
  isCandidate: (code: Language) => boolean,
  lead: number,
): Language | null {
  let first: [Language, number] | null = null;
  let second = 0;
  for (const [code, n] of counts) {
    if (!isCandidate(code)) continue;
    if (first === null || n > first[1]) {
      second = first?.[1] ?? 0;
      first = [code, n];
    } else second = Math.max(second, n);
  }
  return first !== null && first[1] - second >= lead ? first[0] : null;
}

/** Keywords, then marker words, then the status's tag: the language among the candidates, or null. */
function weakEvidence(
  counts: ReadonlyMap<Language, number>,
  isCandidate: (code: Language) => boolean,
  evidence: LanguageEvidence,
): Language | null {
  const leaders = wordLeaders(counts, isCandidate);
  if (leaders.length === 1) return leaders[0]!;
  // The tag breaks a tie of the words, or speaks when they say nothing.
  const hinted = baseCode(evidence.hint);
  if (hinted !== null && isCandidate(hinted) && (leaders.length === 0 || leaders.includes(hinted)))
    return hinted;
  return null;
}

/** The candidates with the highest count, if it is at least `atLeast`. */
function wordLeaders(
  counts: ReadonlyMap<Language, number>,
  isCandidate: (code: Language) => boolean,
  atLeast = 0,
): Language[] {
  let top = 0;
  const leaders: Language[] = [];
  for (const [code, n] of counts) {
    if (n < atLeast || !isCandidate(code)) continue;
    if (n > top) {
      top = n;
      leaders.length = 0;
    }
    if (n === top) leaders.push(code);
  }
  return leaders;
}
