import type { CompiledMatcher, CompiledPattern } from "./compile-matcher.js";
import { GAP_WORDS } from "./keyword-pattern.js";
import { MAX_TOKENS, type Tokens } from "./normalize.js";

/** A concept found at words [start, end] of a mention. */
export interface Occurrence {
  readonly concept: string;
  readonly start: number;
  readonly end: number;
  /** The language only whose file has the matched keyword, or null. */
  readonly language: string | null;
  /** The language file whose keyword matched. */
  readonly file: string;
}

/**
 * Finds every keyword occurrence, then drops the negated and masked ones. `seen`, when given,
 * receives every concept found before that: a masked word still shows what the post is about.
 */
export function findConcepts(
  matcher: CompiledMatcher,
  tokens: Tokens,
  seen?: Occurrence[],
): readonly Occurrence[] {
  return applyNegation(matcher, tokens, findUnnegated(matcher, tokens, seen), null);
}

/** Like findConcepts, before negation: the caller negates once it knows the post's language. */
export function findUnnegated(matcher: CompiledMatcher, tokens: Tokens, seen?: Occurrence[]): Occurrence[] {
  const elementsAt = tokens.words.map((word) => matcher.index.lookup(word));
  // Most patterns that start at a word need a later element the post does not have at all.
  const present = PRESENT.reset();
  for (const ids of elementsAt) for (const id of ids) present.add(id);
  // In the order of trying every pattern: by word, by element of the word (a word and a prefix
  // may both match), by the files' order. Words and elements are walked in order; each
  // element's matches are sorted by the files' order.
  const found: Occurrence[] = [];
  const hits: Hit[] = [];
  for (let start = 0; start < elementsAt.length; start++) {
    for (const id of elementsAt[start]!) {
      const group = matcher.patternsByFirst.get(id);
      if (group === undefined) continue;
      hits.length = 0;
      tryAll(group.alone, elementsAt, present, start, hits);
      const { bySecond } = group;
      // Only the groups whose second element the post has: whichever side is smaller is walked.
      if (bySecond !== null && bySecond.size <= present.ids.length) {
        for (const [second, patterns] of bySecond)
          if (present.has(second)) tryAll(patterns, elementsAt, present, start, hits);
      } else if (bySecond !== null)
        for (const second of present.ids) {
          const patterns = bySecond.get(second);
          if (patterns !== undefined) tryAll(patterns, elementsAt, present, start, hits);
        }
      if (hits.length > 1) hits.sort((a, b) => a.pattern.order - b.pattern.order);
      for (const { pattern, end } of hits)
        found.push({ concept: pattern.concept, start, end, language: pattern.language, file: pattern.file });
    }
  }
  if (seen !== undefined) seen.push(...found);
  // Masks first: a mask can take a word out of the negation ("... oder nicht?").
  return applyMasks(matcher, tokens, found);
}

/**
 * The element ids of one post, as a list and as marks in an array reused from post to post: a
 * Set per post cost a tenth of the matcher's time. Valid until the next `reset`.
 */
class PresentElements {
  readonly ids: number[] = [];
  private marks = new Uint32Array(4096);
  private pass = 0;

  reset(): this {
    this.ids.length = 0;
    if (++this.pass === 0xffffffff) {
      this.marks.fill(0);
      this.pass = 1;
    }
    return this;
  }

  add(id: number): void {
    if (id >= this.marks.length) {
      const grown = new Uint32Array(Math.max(id + 1, this.marks.length * 2));
      grown.set(this.marks);
      this.marks = grown;
    }
    if (this.marks[id] === this.pass) return;
    this.marks[id] = this.pass;
    this.ids.push(id);
  }

  has(id: number): boolean {
    return this.marks[id] === this.pass;
  }
}

const PRESENT = new PresentElements();

interface Hit {
  readonly pattern: CompiledPattern;
  readonly end: number;
}

function tryAll(
  patterns: readonly CompiledPattern[],
  elementsAt: readonly (readonly number[])[],
  present: PresentElements,
  start: number,
  hits: Hit[],
): void {
  for (const pattern of patterns) {
    const end = matchFrom(pattern, elementsAt, present, start);
    if (end >= 0) hits.push({ pattern, end });
  }
}

/** Returns the index of the last word of the match, or -1. */
function matchFrom(
  pattern: CompiledPattern,
  elementsAt: readonly (readonly number[])[],
  present: PresentElements,
  start: number,
): number {
  const ids = pattern.elementIds;
  for (let i = 1; i < ids.length; i++) if (!present.has(ids[i]!)) return -1;
  let at = start;
  for (let i = 1; i < ids.length; i++) {
    const id = ids[i]!;
    const reach = pattern.gapBefore[i] ? GAP_WORDS + 1 : 1;
    let next = -1;
    for (let j = at + 1; j <= at + reach && j < elementsAt.length; j++) {
      if (elementsAt[j]!.includes(id)) {
        next = j;
        break;
      }
    }
    if (next < 0) return -1;
    at = next;
  }
  return at;
}

/**
 * A platform keyword of another language gives way where the post's own language reads the very
 * same words as another concept: English "whats the deadline" is "what's", not Spanish and
 * Portuguese "whats" (WhatsApp), which made an objection question one about WhatsApp (both forms).
 * In a Portuguese post "no whats" stays WhatsApp. Only `platforms`: with every concept, the shift
 * in what the model reads cost as much as it mended (session 19, cross-validated on 15,314
 * mentions: exact -2; platforms only: +3, covered +2, replies to posts that ask nothing the same).
 */
export function preferOwnLanguage(
  found: readonly Occurrence[],
  language: string,
  platforms: readonly string[],
): readonly Occurrence[] {
  const foreign = (o: Occurrence) => o.file !== language && platforms.includes(o.concept);
  if (!found.some(foreign)) return found;
  // The own language's concepts on each span, gathered once (a long post has many occurrences).
  const own = new Map<number, Set<string>>();
  for (const o of found) {
    if (o.file !== language) continue;
    const span = o.start * MAX_TOKENS + o.end;
    own.set(span, (own.get(span) ?? new Set()).add(o.concept));
  }
  return found.filter((o) => {
    const there = foreign(o) ? own.get(o.start * MAX_TOKENS + o.end) : undefined;
    return there === undefined || there.has(o.concept);
  });
}

/**
 * Each negation cancels the one nearest cancellable concept of its clause: the first after it
 * within reach, else the last before it. "not deleting my FB" cancels the deleting, not FB.
 * With `language`, only that language's own negation words negate: Portuguese "no Instagram" is
 * "on Instagram", whatever English and Spanish make of "no".
 */
export function applyNegation(
  matcher: CompiledMatcher,
  tokens: Tokens,
  found: readonly Occurrence[],
  language: string | null,
): readonly Occurrence[] {
  const { concept, cancels, after, before } = matcher.rules.negation;
  const negations = found.filter((o) => o.concept === concept && (language === null || o.file === language));
  if (negations.length === 0) return found;
  const cancellable = found.filter((o) => cancels.includes(o.concept));
  const cancelled = new Set<Occurrence>();
  for (const n of negations) {
    const clause = tokens.clauses[n.start];
    const sameClause = cancellable.filter((o) => tokens.clauses[o.start] === clause);
    const next = sameClause
      .filter((o) => o.start > n.end && o.start - n.end <= after)
      .sort((a, b) => a.start - b.start)[0];
    const previous = sameClause
      .filter((o) => o.end < n.start && n.start - o.end <= before)
      .sort((a, b) => b.end - a.end)[0];
    const target = next ?? previous;
    if (!target) continue;
    // Every keyword of that concept on the same words goes with it.
    for (const o of sameClause)
      if (o.concept === target.concept && o.start === target.start) cancelled.add(o);
  }
  return found.filter((o) => !cancelled.has(o));
}

function applyMasks(matcher: CompiledMatcher, tokens: Tokens, found: Occurrence[]): Occurrence[] {
  const { masksByConcept } = matcher;
  if (masksByConcept.size === 0) return found;
  return found.filter(
    (o) =>
      !masksByConcept
        .get(o.concept)
        ?.some((mask) =>
          found.some(
            (n) =>
              n.concept === mask.near &&
              n !== o &&
              tokens.sentences[n.start] === tokens.sentences[o.start] &&
              withinWindow(o, n, mask.window, mask.side),
          ),
        ),
  );
}

/** Is `near` within `window` words of `o`, on the given side of it? */
function withinWindow(
  o: Occurrence,
  near: Occurrence,
  window: number,
  side: "before" | "after" | "either",
): boolean {
  const gapBefore = o.start - near.end; // > 0 when near comes first
  const gapAfter = near.start - o.end; // > 0 when near comes after
  if (side === "before") return gapBefore >= 0 && gapBefore <= window;
  if (side === "after") return gapAfter >= 0 && gapAfter <= window;
  return Math.max(gapBefore, gapAfter, 0) <= window;
}
