import { ConfigError } from "../domain/errors.js";
import { DEFAULT_LANGUAGE } from "../domain/language.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { RulesFile } from "../knowledge/rules-schema.js";
import { type CompiledRules, compileRules } from "./compiled-rules.js";
import { ElementIndex } from "./element-index.js";
import type { IntentModel } from "./intent-model.js";
import { parseKeyword } from "./keyword-pattern.js";
import { foldText, isLetterBeyondAscii, NON_ASCII } from "./normalize.js";

type Mask = RulesFile["masks"][number];

/** Everything the matcher needs, compiled once from the knowledge base. */
export interface CompiledMatcher {
  readonly index: ElementIndex;
  /** Patterns by the id of their first element. */
  readonly patternsByFirst: ReadonlyMap<number, PatternGroup>;
  readonly rules: RulesFile;
  /** The rules file's intent, fallback and note rules, split once. */
  readonly compiledRules: CompiledRules;
  /** The rules' masks by the concept they take out: most concepts have none. */
  readonly masksByConcept: ReadonlyMap<string, readonly Mask[]>;
  /**
   * Marker words → the languages whose files list them, for telling languages apart; with the
   * rules' `otherLanguages`, whose codes are not in `languages`.
   */
  readonly markers: ReadonlyMap<string, readonly string[]>;
  /** The letters beyond ASCII that the language files' keywords and markers keep after folding ("ł"). */
  readonly letters: ReadonlySet<string>;
  /** The languages with a knowledge file: the ones the bot can answer in. */
  readonly languages: ReadonlySet<string>;
  /** The learned second opinion (`config/intent-model.json`); absent when switched off. */
  readonly model?: IntentModel | undefined;
}

/**
 * The patterns that start with one element. A common first word ("je", "what", "que") starts
 * hundreds of phrases, and a post holds only a few dozen distinct elements: there the phrases of
 * several words are grouped by their second element, and only the groups whose second element
 * occurs are read. A small group is one list (`bySecond` null): a Map each would cost megabytes.
 */
export interface PatternGroup {
  /** The one-word patterns, or every pattern of a small group. */
  readonly alone: readonly CompiledPattern[];
  readonly bySecond: ReadonlyMap<number, readonly CompiledPattern[]> | null;
}

/** From this many phrases of several words on, a first element's patterns are grouped. */
const GROUP_FROM = 16;

/** A keyword as the matcher runs it: its words by element id (the words themselves stay in the index). */
export interface CompiledPattern {
  /** Its place among all patterns: occurrences at the same word keep the knowledge files' order. */
  readonly order: number;
  readonly concept: string;
  readonly elementIds: readonly number[];
  readonly gapBefore: readonly boolean[];
  /** The one language whose file alone has this keyword, or null: weak evidence of the language. */
  readonly language: string | null;
  /** The language file this keyword was read from (a keyword in several files is several patterns). */
  readonly file: string;
}

/**
 * Compiles the keywords of every language into one index: people mix languages, so a German
 * keyword counts in an English sentence too. Throws ConfigError listing unusable keywords, each
 * named by its file in `languageDir` and its key.
 */
export function compileMatcher(knowledge: Knowledge, languageDir = "lang"): CompiledMatcher {
  const markerSets = new Map<string, ReadonlySet<string>>();
  for (const [code, file] of knowledge.languages) markerSets.set(code, new Set(file.markers.map(foldText)));
  for (const [code, words] of Object.entries(knowledge.rules.otherLanguages))
    markerSets.set(code, new Set(words.map(foldText)));
  const markers = new Map<string, string[]>();
  for (const [code, words] of markerSets)
    for (const word of words) markers.set(word, [...(markers.get(word) ?? []), code]);
  const index = new ElementIndex([...markers.keys()]);
  // The letters beyond ASCII of the answered languages' words, folded (today only "ł").
  const letters = new Set<string>();
  for (const code of knowledge.languages.keys())
    for (const word of markerSets.get(code)!) addLetters(letters, word);
  const patternsByFirst = new Map<number, CompiledPattern[]>();
  let order = 0;
  const problems: string[] = [];
  const owners = keywordOwners(knowledge);
  const gaps = new Map<string, readonly boolean[]>();
  for (const [code, file] of knowledge.languages) {
    for (const [concept, keywords] of Object.entries(file.concepts)) {
      // "námitka" and "namitka" fold to one keyword: matched twice, it would only cost time.
      const compiled = new Set<string>();
      for (const raw of keywords) {
        const key = foldText(raw).trim();
        if (compiled.has(key)) continue;
        compiled.add(key);
        const parsed = parseKeyword(concept, raw);
        if (typeof parsed === "string") {
          problems.push(`${languageDir}/${code}.yaml: concepts.${concept}: ${parsed}`);
          continue;
        }
        const elementIds = parsed.elements.map((e) => index.add(e));
        // A marker word already counts for its language; a keyword that is one is not counted twice.
        // The fallback's file lists words of the languages answered in it (Greek, Cyrillic, "ø"):
        // their letters stay foreign, so a post in them is still answered in the fallback.
        if (code !== DEFAULT_LANGUAGE) addLetters(letters, key);
        const owner = markerSets.get(code)?.has(key) ? null : owners.get(key);
        const language = owner === undefined || owner === null ? null : owner;
        const gapBefore = shared(gaps, parsed.gapBefore);
        const list = patternsByFirst.get(elementIds[0]!) ?? [];
        list.push({ order: order++, concept, elementIds, gapBefore, language, file: code });
        patternsByFirst.set(elementIds[0]!, list);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // The misspelling table is sorted now, at start-up, not by the first mention.
  index.prepare();
  return {
    index,
    patternsByFirst: new Map([...patternsByFirst].map(([id, list]) => [id, groupOf(list)])),
    rules: knowledge.rules,
    compiledRules: compileRules(knowledge.rules),
    masksByConcept: masksByConcept(knowledge.rules.masks),
    markers,
    letters,
    languages: new Set(knowledge.languages.keys()),
  };
}

/** A first element's patterns as the matcher reads them (see `PatternGroup`). */
function groupOf(list: readonly CompiledPattern[]): PatternGroup {
  // Lists grown by push keep spare room: thousands of them, so they are copied to size.
  const phrases = list.filter((p) => p.elementIds.length > 1);
  if (phrases.length < GROUP_FROM) return { alone: [...list], bySecond: null };
  const bySecond = new Map<number, CompiledPattern[]>();
  for (const p of phrases) {
    const list = bySecond.get(p.elementIds[1]!);
    if (list === undefined) bySecond.set(p.elementIds[1]!, [p]);
    else list.push(p);
  }
  return { alone: list.filter((p) => p.elementIds.length === 1), bySecond };
}

function addLetters(letters: Set<string>, word: string): void {
  if (NON_ASCII.test(word)) for (const c of word) if (isLetterBeyondAscii(c)) letters.add(c);
}

function masksByConcept(masks: readonly Mask[]): Map<string, Mask[]> {
  const byConcept = new Map<string, Mask[]>();
  for (const mask of masks) byConcept.set(mask.concept, [...(byConcept.get(mask.concept) ?? []), mask]);
  return byConcept;
}

/** One array for every keyword with the same gaps: most are `[false]` or `[false, false]`. */
function shared(gaps: Map<string, readonly boolean[]>, gapBefore: readonly boolean[]): readonly boolean[] {
  const key = gapBefore.map(Number).join("");
  const known = gaps.get(key);
  if (known !== undefined) return known;
  gaps.set(key, gapBefore);
  return gapBefore;
}

/** For each keyword, the language whose file alone has it; null when several files share it. */
function keywordOwners(knowledge: Knowledge): Map<string, string | null> {
  const owners = new Map<string, string | null>();
  for (const [code, file] of knowledge.languages) {
    for (const keywords of Object.values(file.concepts)) {
      for (const raw of keywords) {
        const key = foldText(raw).trim();
        const owner = owners.get(key);
        owners.set(key, owner === undefined || owner === code ? code : null);
      }
    }
  }
  return owners;
}
