import type { Occurrence } from "./find-concepts.js";
import type { Tokens } from "./normalize.js";

// What the learned model reads of where a post's concepts stand, beside the concepts themselves.

/**
 * In a post with a question mark, each concept again, marked by where it stands: in a sentence
 * the mark ends (`asked.facebook`) or in another (`stated.facebook`). "Facebook hab ich schon
 * gemacht. Wie ist das bei Insta?" names both platforms and asks for one; "I objected on
 * Facebook already. Why are they doing this?" asks for no form at all. Session 21,
 * cross-validated on 22,547 mentions with three seeds: exact +14, +4, +29, covered +9, -11, +2,
 * replies to posts that ask nothing -13, -13, -20 (of 6,099).
 */
export function placedConcepts(tokens: Tokens, occurrences: readonly Occurrence[]): string[] {
  if (tokens.questions.length === 0) return [];
  const asks = new Set(tokens.questions);
  const placed = new Set<string>();
  const bySentence = new Map<number, Set<string>>();
  for (const o of occurrences) {
    const sentence = tokens.sentences[o.start]!;
    const asked = asks.has(sentence);
    placed.add(marked(o.concept)[asked ? 0 : 1]);
    if (!asked) continue;
    const together = bySentence.get(sentence) ?? new Set<string>();
    bySentence.set(sentence, together.add(o.concept));
  }
  for (const together of bySentence.values()) for (const pair of pairsOf(together)) placed.add(pair);
  return [...placed];
}

/**
 * Every two concepts one question asks together (`paired.facebook+object`): the model adds up
 * what each concept says alone, so "wie widerspreche ich bei Facebook?" and "bei Facebook hab ich
 * widersprochen. Und Insta?" would weigh Facebook alike. Session 21, cross-validated on 22,547
 * mentions with three seeds: exact +44, +45, +33, covered -4, +9, -28, replies to posts that ask
 * nothing 0, +3, -1 (of 6,099); the model file 1.30 -> 1.43 MiB.
 */
function pairsOf(concepts: ReadonlySet<string>): string[] {
  const sorted = [...concepts].sort();
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length; j++) pairs.push(pairName(sorted[i]!, sorted[j]!));
  return pairs;
}

/**
 * A pair's feature name (concept names are `[a-z_]+`, so none passes for another), built once: the
 * model looks it up for every mention, and a kept string is hashed once. No bound: concepts are
 * the knowledge files' own names (77 today), so there are a few thousand pairs at most.
 */
function pairName(first: string, second: string): string {
  let seconds = PAIR_NAMES.get(first);
  if (seconds === undefined) {
    seconds = new Map();
    PAIR_NAMES.set(first, seconds);
  }
  let name = seconds.get(second);
  if (name === undefined) {
    name = `paired.${first}+${second}`;
    seconds.set(second, name);
  }
  return name;
}

/** By first concept, then second. */
const PAIR_NAMES = new Map<string, Map<string, string>>();

/** A concept as it stands in a question (`asked.facebook`). */
export const askedName = (concept: string): string => marked(concept)[0];

/**
 * A concept as asked and as stated (concept names are `[a-z_]+`, so no mark passes for a
 * concept), each name built once: the model looks its strings up for every mention.
 */
function marked(concept: string): readonly [asked: string, stated: string] {
  let names = MARKED.get(concept);
  if (names === undefined) {
    names = [`asked.${concept}`, `stated.${concept}`];
    MARKED.set(concept, names);
  }
  return names;
}

/** The knowledge files' concepts (77 today): no bound needed. */
const MARKED = new Map<string, readonly [string, string]>();
