import type { Intent } from "../domain/intent.js";
import { INTENTS, orderIntents } from "../domain/intent.js";
import { DEFAULT_LANGUAGE } from "../domain/language.js";
import type { Classification } from "../domain/mention.js";
import type { Rule } from "../knowledge/rules-schema.js";
import { builtInConcepts } from "./built-in-concepts.js";
import type { CompiledMatcher } from "./compile-matcher.js";
import { detectLanguage } from "./detect-language.js";
import { findConcepts } from "./find-concepts.js";
import { htmlToText } from "./html-to-text.js";
import { tokenize } from "./normalize.js";

export interface ClassifyInput {
  /** Status HTML as Mastodon delivers it. */
  readonly content: string;
  /** The status's language field: a hint, often null or wrong. */
  readonly language: string | null;
  /** The post this mention replies to, when it could be read; `fromBot`: the bot wrote it. */
  readonly parent?: { content: string; language: string | null; fromBot: boolean };
}

/** Finds every topic a mention asks about and the language to answer in. Pure. */
export function classify(matcher: CompiledMatcher, input: ClassifyInput): Classification {
  const text = htmlToText(input.content);
  const tokens = tokenize(text);
  const occurrences = findConcepts(matcher, tokens);
  const keywordLanguages = occurrences.flatMap((o) => (o.language === null ? [] : [o.language]));
  const language = detectLanguage(
    tokens,
    text,
    matcher.markers,
    input.language,
    DEFAULT_LANGUAGE,
    keywordLanguages,
  );
  const present = new Set<string>(builtInConcepts(tokens));
  for (const occurrence of occurrences) present.add(occurrence.concept);
  return { intents: decideIntents(matcher, present), language };
}

function holds(rule: Rule, present: ReadonlySet<string>): boolean {
  return rule.every((term) => (term.startsWith("not ") ? !present.has(term.slice(4)) : present.has(term)));
}

function intentsByRules(rules: Partial<Record<Intent, Rule[]>>, present: ReadonlySet<string>): Set<Intent> {
  const found = new Set<Intent>();
  for (const id of INTENTS) if (rules[id]?.some((rule) => holds(rule, present))) found.add(id);
  return found;
}

/** intents.md: help only when nothing else is asked; fallbacks only when nothing else matched. */
function decideIntents(matcher: CompiledMatcher, present: ReadonlySet<string>): Intent[] {
  const found = intentsByRules(matcher.rules.intents, present);
  const asksSomething = [...found].some((id) => id !== "help" && id !== "thanks");
  if (asksSomething) found.delete("help");
  else for (const id of intentsByRules(matcher.rules.fallbacks, present)) found.add(id);
  if ([...found].some((id) => id !== "help" && id !== "thanks")) found.delete("help");
  return orderIntents(found);
}
