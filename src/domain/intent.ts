/** The topics the bot recognises, in the order their answers appear in a reply. */
export const INTENTS = [
  "form_facebook",
  "form_instagram",
  "deadline",
  "status_post",
  "affected_data",
  "objection_scope",
  "delete_account",
  "purpose",
  "alternatives",
  "help",
  "thanks",
] as const;

export type Intent = (typeof INTENTS)[number];

/** Sorts intents into the fixed answer order and drops duplicates. */
export function orderIntents(intents: Iterable<Intent>): Intent[] {
  const set = new Set(intents);
  return INTENTS.filter((id) => set.has(id));
}

const TOPICS: ReadonlySet<string> = new Set(INTENTS.filter((id) => id !== "help" && id !== "thanks"));

/** A topic of its own, with an answer of its own: not the menu (`help`), not `thanks`. */
export function isTopic(id: string): boolean {
  return TOPICS.has(id);
}

/** One of the two objection forms: which one a reply wants can hang on the thread. */
export function isForm(id: string): boolean {
  return id === "form_facebook" || id === "form_instagram";
}
