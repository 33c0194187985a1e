import type { Intent } from "../domain/intent.js";
import type { RulesFile } from "../knowledge/rules-schema.js";
import type { Occurrence } from "./find-concepts.js";
import type { Tokens } from "./normalize.js";

// Which objection form each platform concept asks for, and which one a post asks about.

/** The forms a platform concept asks for: a Meta app without a form of its own gets both. */
export const FORMS: Partial<Record<string, readonly Intent[]>> = {
  facebook: ["form_facebook"],
  instagram: ["form_instagram"],
  other_meta: ["form_facebook", "form_instagram"],
};

/** The concepts of the platforms the forms are named for (and the Meta apps without one). */
export const PLATFORMS = Object.keys(FORMS);

/**
 * The rules' two forms cut to one, where the post names Facebook and Instagram both but its
 * questions (the sentences a question mark ends) name only one, and not as what is left or
 * replaced (`aside`). "Facebook hab ich letzte Woche erledigt. Wie geht das bei Insta?", "where's the IG
 * one? I only found the facebook form". The rules pair each platform with the objection wherever
 * it stands, and the learned model, which kept the pair, could not part it (read alone, each form
 * kept: exact -3, covered -15). Session 24, cross-validated on 26,145 mentions: exact 23,685 ->
 * 23,704, covered 24,861 -> 24,856, replies to posts that ask nothing 169 either way (without
 * `aside`, +16 / -8); with the sentences that ask with no question mark read as questions too,
 * +16 / -7: lists ("1. Link für Insta 2. Link für Facebook") lost a form.
 */
export function formsAsked(
  rules: RulesFile["askedPlatform"],
  tokens: Tokens,
  kept: readonly Occurrence[],
  intents: Intent[],
): Intent[] {
  if (!intents.includes("form_facebook") || !intents.includes("form_instagram")) return intents;
  if (tokens.questions.length === 0 || kept.some((o) => rules.keepsBoth.includes(o.concept))) return intents;
  const questions = new Set(tokens.questions);
  for (const o of kept) if (rules.aside.includes(o.concept)) questions.delete(tokens.sentences[o.start]!);
  const named = new Set<string>();
  const asked = new Set<Intent>();
  for (const o of kept) {
    const forms = FORMS[o.concept];
    if (forms === undefined) continue;
    named.add(o.concept);
    if (questions.has(tokens.sentences[o.start]!)) for (const id of forms) asked.add(id);
  }
  if (!named.has("facebook") || !named.has("instagram") || asked.size !== 1) return intents;
  const [only] = asked;
  return intents.filter((id) => id === only || (id !== "form_facebook" && id !== "form_instagram"));
}
