import * as z from "zod";
import { INTENTS } from "../domain/intent.js";

/**
 * A rule holds when every concept it lists occurs in the mention; `!name` means the concept
 * must NOT occur. Besides the concepts of the language files there are built-in ones:
 * `question` (a question mark), `bare_question` (nothing but question marks), `short` (at most
 * three words).
 */
const rule = z
  .array(z.string().regex(/^(not )?[a-z_]+$/, 'expected a concept name, or "not <concept name>"'))
  .min(1);
const ruleList = z.array(rule).min(1);

const intentRules = z.partialRecord(z.enum(INTENTS), ruleList);

export const rulesFileSchema = z.strictObject({
  negation: z.strictObject({
    /** Concept whose words negate ("nicht", "kein", "not"). */
    concept: z.string(),
    /** Concepts a nearby negation cancels ("ich will mein Konto NICHT löschen"). */
    cancels: z.array(z.string()).min(1),
    /** How many words after (and before) the negation it reaches, within one clause. */
    after: z.int().min(0).max(10).default(3),
    before: z.int().min(0).max(10).default(1),
  }),
  /** An occurrence of `concept` within `window` words of `near`, in the same sentence, does not count. */
  masks: z
    .array(
      z.strictObject({
        concept: z.string(),
        near: z.string(),
        window: z.int().min(0).max(10),
        /** Whether `near` must come before the concept, after it, or either. */
        side: z.enum(["before", "after", "either"]).default("either"),
      }),
    )
    .default([]),
  intents: intentRules.refine(
    (r) => INTENTS.every((id) => r[id] !== undefined),
    "every intent of intents.md needs at least one rule",
  ),
  /** Rules tried only when no rule of `intents` found anything but thanks. */
  fallbacks: intentRules.default({}),
});

export type RulesFile = z.infer<typeof rulesFileSchema>;
export type Rule = z.infer<typeof rule>;
