import { ConfigError } from "../domain/errors.js";
import { editDistance } from "./edit-distance.js";
import type { PatternElement } from "./keyword-pattern.js";

/** Misspellings are tolerated only on long words, where one edit rarely makes another word. */
const FUZZY_ONE_EDIT = 7;
const FUZZY_TWO_EDITS = 10;
/** Prefixes are open-ended, so a misspelt one needs to be longer still to be trusted. */
const FUZZY_PREFIX = 8;
const MAX_CACHE = 50_000;

function allowedEdits(length: number): number {
  return length >= FUZZY_TWO_EDITS ? 2 : length >= FUZZY_ONE_EDIT ? 1 : 0;
}

/** Every string reachable from `s` by deleting up to `n` characters (including `s`). */
function deletions(s: string, n: number, into = new Set<string>()): Set<string> {
  into.add(s);
  if (n === 0) return into;
  for (let i = 0; i < s.length; i++) {
    const shorter = s.slice(0, i) + s.slice(i + 1);
    if (!into.has(shorter)) deletions(shorter, n - 1, into);
  }
  return into;
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
function hash32(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** An entry of the deletion table packs a variant's hash and an element id in one double. */
const ID_SPACE = 2 ** 21;

/**
 * Maps a word of a mention to the keyword elements it matches: exactly, as a prefix, or within
 * one or two edits (a symmetric-deletion index, so the cost of a look-up does not grow with
 * the number of keywords). Results are cached per word.
 *
 * The deletion variants are kept as hashes in one sorted Float64Array, not as strings in a Map:
 * nine languages' keywords make about 75,000 variants, which as Map keys cost about 4 MB of the
 * bot's 90 MB and, twenty times over, exceed a Map's size limit. A hash collision only adds a
 * candidate, and every candidate is checked by its edit distance.
 */
export class ElementIndex {
  private readonly words = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  private readonly elements: PatternElement[] = [];
  /** Deletion variants as `hash * ID_SPACE + id`, sorted; built from `pending` before a look-up. */
  private fuzzy = new Float64Array(0);
  private pending: number[] = [];
  private readonly cache = new Map<string, readonly number[]>();
  /** The look-up results found only by a misspelling (a result stays with its word in the cache). */
  private readonly misspeltResults = new WeakSet<readonly number[]>();
  private readonly commonWords: ReadonlySet<string>;
  private minPrefix = Number.POSITIVE_INFINITY;
  private maxPrefix = 0;

  constructor(commonWords: Iterable<string>) {
    this.commonWords = new Set(commonWords);
  }

  /** Registers an element and returns its id (the same id for the same element). */
  add(element: PatternElement): number {
    const known = (element.kind === "word" ? this.words : this.prefixes).get(element.text);
    if (known !== undefined) return known;
    const id = this.elements.length;
    if (id >= ID_SPACE)
      throw new ConfigError([
        `the language files have more than ${ID_SPACE} distinct keyword words and prefixes, more than the matcher can index: remove some`,
      ]);
    this.elements.push(element);
    if (element.kind === "word") this.words.set(element.text, id);
    else {
      this.prefixes.set(element.text, id);
      this.minPrefix = Math.min(this.minPrefix, element.text.length);
      this.maxPrefix = Math.max(this.maxPrefix, element.text.length);
    }
    for (const variant of deletions(element.text, allowedEdits(element.text.length)))
      this.pending.push(hash32(variant) * ID_SPACE + id);
    this.cache.clear();
    return id;
  }

  /** Ids of the elements that `word` matches. */
  lookup(word: string): readonly number[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const found = this.exact(word);
    const result = found.length > 0 || this.commonWords.has(word) ? found : this.misspelt(word);
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(word, result);
    if (result !== found && result.length > 0) this.misspeltResults.add(result);
    return result;
  }

  /** Were `word`'s elements found only as a misspelling? (Looks it up again if need be.) */
  isMisspelt(word: string): boolean {
    return this.misspeltResults.has(this.lookup(word));
  }

  private exact(word: string): number[] {
    const found: number[] = [];
    const id = this.words.get(word);
    if (id !== undefined) found.push(id);
    const longest = Math.min(word.length, this.maxPrefix);
    for (let length = this.minPrefix; length <= longest; length++) {
      const prefixId = this.prefixes.get(word.slice(0, length));
      if (prefixId !== undefined) found.push(prefixId);
    }
    return found;
  }

  private misspelt(word: string): number[] {
    if (word.length < FUZZY_ONE_EDIT - 1) return [];
    const found = new Set<number>();
    this.collect(word, "word", found);
    // A misspelt prefix: compare the word's beginnings of about the prefix's length.
    const longest = Math.min(word.length, this.maxPrefix + 1);
    for (let length = FUZZY_PREFIX - 1; length <= longest; length++) {
      this.collect(word.slice(0, length), "prefix", found);
    }
    return [...found];
  }

  /** Sorts the variants added so far into the table (else the next misspelt look-up does). */
  prepare(): void {
    this.table();
  }

  /** The sorted table, with any variants added since the last look-up merged in. */
  private table(): Float64Array {
    if (this.pending.length === 0) return this.fuzzy;
    const merged = new Float64Array(this.fuzzy.length + this.pending.length);
    merged.set(this.fuzzy);
    merged.set(this.pending, this.fuzzy.length);
    this.pending = [];
    this.fuzzy = merged.sort();
    return this.fuzzy;
  }

  private collect(text: string, kind: PatternElement["kind"], found: Set<number>): void {
    const table = this.table();
    for (const variant of deletions(text, allowedEdits(text.length + 1))) {
      // The entries of this variant's hash (and of any colliding one): one binary search.
      const low = hash32(variant) * ID_SPACE;
      let i = firstAtLeast(table, low);
      for (; i < table.length && table[i]! < low + ID_SPACE; i++) {
        const id = table[i]! - low;
        const element = this.elements[id]!;
        if (element.kind !== kind || found.has(id)) continue;
        if (kind === "prefix" && element.text.length < FUZZY_PREFIX) continue;
        const max = allowedEdits(element.text.length);
        if (max > 0 && editDistance(text, element.text, max) <= max) found.add(id);
      }
    }
  }
}

/** The index of the first entry of a sorted table that is at least `value`. */
function firstAtLeast(table: Float64Array, value: number): number {
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
