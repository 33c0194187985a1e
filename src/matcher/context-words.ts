import type { RulesFile } from "../knowledge/rules-schema.js";
import type { Occurrence } from "./find-concepts.js";
import type { Tokens } from "./normalize.js";

type ContextRules = RulesFile["context"];

/**
 * Drops context words ("deadline", "too late", "Alternative") that are not about the bot's topic:
 * every one bound to another object ("too late to watch Succession", "Alternative zu Excel",
 * "Frist für die Anmeldung"), and all of them when neither the post nor its parent names a topic
 * concept and the post is not asked as a question ("Bis wann geht das noch?" to the bot is; "how
 * long does it run" under a post about an exhibition, with no sign of a question, is not). Pure.
 */
export function dropOffTopicContext(
  rules: ContextRules,
  tokens: Tokens,
  occurrences: readonly Occurrence[],
  /** Every occurrence before masks and negation: a masked "Widerspruch" still names the topic. */
  seen: readonly Occurrence[],
  onTopic: boolean,
  asked: boolean,
): Occurrence[] {
  const needs = new Set(rules.needsTopic);
  if (!occurrences.some((o) => needs.has(o.concept))) return [...occurrences];
  if (!onTopic && !asked) return occurrences.filter((o) => !needs.has(o.concept));
  // Bound to a topic word or to another context word ("apagar a conta"), a word stays.
  const topicAt = new Set<number>();
  for (const o of seen)
    if (rules.topic.includes(o.concept) || needs.has(o.concept))
      for (let i = o.start; i <= o.end; i++) topicAt.add(i);
  return occurrences.filter((o) => !needs.has(o.concept) || !boundElsewhere(rules, tokens, o, topicAt));
}

/** "to/for/zu/für + words": bound to an object that is neither a topic word nor a pronoun. */
function boundElsewhere(
  rules: ContextRules,
  tokens: Tokens,
  o: Occurrence,
  topicAt: ReadonlySet<number>,
): boolean {
  const { words, clauses } = tokens;
  const binder = o.end + 1;
  if (!rules.binders.includes(words[binder] ?? "") || clauses[binder] !== clauses[o.end]) return false;
  const first = words[binder + 1];
  if (first === undefined || clauses[binder + 1] !== clauses[o.end] || rules.references.includes(first))
    return false;
  // "too late to do it again": after a verb of doing, the pronoun points back to the topic
  // (but "too late to go to the cinema", "alternative to Excel that works" are bound elsewhere).
  const second = binder + 2;
  if (
    rules.actions.includes(first) &&
    clauses[second] === clauses[o.end] &&
    rules.references.includes(words[second] ?? "")
  )
    return false;
  for (let i = binder + 1; i <= binder + 3 && clauses[i] === clauses[o.end]; i++)
    if (topicAt.has(i)) return false;
  return true;
}
