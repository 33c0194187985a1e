import * as z from "zod";
import { INTENTS } from "../domain/intent.js";

/**
 * A rule holds when every concept it lists occurs in the mention; `!name` means the concept
 * must NOT occur. Besides the concepts of the language files there are built-in ones:
 * `question` (a question mark), `bare_question` (nothing but question marks), `short` (at most
 * three words), `weblink` (a link to a web page, not a mention or hashtag).
 */
const rule = z
  .array(z.string().regex(/^(not )?[a-z_]+$/, 'expected a concept name, or "not <concept name>"'))
  .min(1);
const ruleList = z.array(rule).min(1);

const concept = z.string().regex(/^[a-z_]+$/, "expected a concept name");
const concepts = z.array(concept);

/** Is the bot asked at all? See config/intents.yaml for what each field does. */
const addressingSchema = z
  .strictObject({
    /** The bot's user name when the caller does not give its own (the classify command). */
    self: z
      .string()
      .regex(/^[a-z0-9_.-]+$/, "expected a lower-case user name")
      .default("optout"),
    /** Words that call the bot in a thread: "Bot, wo geht das?". */
    botWords: z.array(z.string().min(1)).default(["bot"]),
    /** Words that speak to "you": a name before them calls that person ("Lena, kannst du ..."). */
    youWords: z.array(z.string().min(1)).default([]),
    /** Concepts that make a post ask something wherever they occur. */
    asks: concepts.default([]),
    /** Concepts that make a post ask something in a clause of at most three words: "IG-Link, Deadline". */
    asksAlone: concepts.default([]),
    /**
     * Concepts that make a post ask something when they open a clause, at most `reach` words in
     * ("und wo ..."), but not right after a `notAfter` concept ("I did the form": a statement).
     */
    opens: z
      .array(
        z.strictObject({
          concept,
          reach: z.int().min(0).max(5),
          notAfter: concept.optional(),
          /** It may open a statement too ("Muss man auch machen"): not enough in a thread reply. */
          weak: z.boolean().default(false),
        }),
      )
      .default([]),
    /**
     * A question's word order, wherever it stands within a clause (an unpunctuated post is one long
     * clause): `next` starts right after `first`, in the same language's words ("how do", "do
     * they"); with `languages`, only in those (a German statement puts its verb before the subject).
     */
    inverted: z
      .array(
        z.strictObject({ first: concept, next: concept, languages: z.array(z.string()).min(1).optional() }),
      )
      .default([]),
    /** The concept of "RT", "cc", "Reminder:": a post passed on, not a question to the bot. */
    shares: concept.optional(),
    /** Signs that open a boost or quote ("♲", "🔁"). */
    shareSigns: z.array(z.string().min(1)).default([]),
  })
  .default({
    self: "optout",
    botWords: ["bot"],
    youWords: [],
    asks: [],
    asksAlone: [],
    opens: [],
    inverted: [],
    shareSigns: [],
  });

/** Context words: the bot's topic only with Meta, its platforms or the objection nearby. */
const contextSchema = z
  .strictObject({
    /** Concepts that count only with a `topic` concept in the post or its parent. */
    needsTopic: concepts.default([]),
    topic: concepts.default([]),
    /** Words that bind a context word to an object: "too late TO watch", "Alternative ZU Excel". */
    binders: z.array(z.string().min(1)).default([]),
    /** Words after a binder that point back to the topic: "too late for ME", "zu spät dafür". */
    references: z.array(z.string().min(1)).default([]),
    /** Verbs of doing, after which a reference still points back: "too late to DO it". */
    actions: z.array(z.string().min(1)).default([]),
  })
  .default({ needsTopic: [], topic: [], binders: [], references: [], actions: [] });

/** An intent with an answer of its own: not thanks, not the menu. */
const topicIntent = z.enum(INTENTS).exclude(["thanks", "help"]);

/** Thread replies: what the parent post lends to a follow-up question. */
const threadsSchema = z
  .strictObject({
    /** Parent concepts that count in the reply as if written there ("und warum?" under a post on Meta). */
    carry: concepts.default([]),
    /** Intents that a follow-up naming only a platform ("und bei Insta?") takes from the parent. */
    platformFollowUp: z.array(z.enum(INTENTS)).default([]),
    /** The concept of "same question", "würd mich auch interessieren": a reply asking the parent's question again. */
    echoes: concept.optional(),
    /**
     * A question with no topic of its own, under the bot's post on the topic named here (and on
     * nothing but the topics given), asks for the topics given: "so what DOES work then?" under
     * "a status post has no legal effect; only the objection form counts" wants the forms.
     */
    nextQuestion: z.partialRecord(topicIntent, z.array(topicIntent).min(1)).default({}),
  })
  .default({ carry: [], platformFollowUp: [], nextQuestion: {} });

/**
 * A post that names Facebook and Instagram both, but asks in its questions about one of them only:
 * "Facebook hab ich letzte Woche erledigt. Wie geht das bei Insta?" wants that one's form.
 */
const askedPlatformSchema = z
  .strictObject({
    /** In a question with one of these, a platform is left or replaced, not objected on: "was statt Insta?" */
    aside: concepts.default([]),
    /** Anywhere in the post, these still ask for both forms: "beide Links bitte". */
    keepsBoth: concepts.default([]),
  })
  .default({ aside: [], keepsBoth: [] });

const intentRules = z.partialRecord(z.enum(INTENTS), ruleList);

/**
 * A note on the specific point asked ("und bei WhatsApp?": the article gives no form for it),
 * said before the answer of one of `with`; its text is `notes.<name>` in a language file.
 */
const noteSchema = z.strictObject({
  /** The intents whose answer the note goes with; without one of them in the reply, no note. */
  with: z.array(topicIntent).min(1),
  /** The note is added when any rule holds (the same form as the rules of `intents`). */
  rules: ruleList,
});

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
  addressing: addressingSchema,
  context: contextSchema,
  threads: threadsSchema,
  askedPlatform: askedPlatformSchema,
  /**
   * Common words of languages without a language file, by code: a post they lead is answered in
   * the fallback language (English), not in a known language whose marker words it shares.
   */
  otherLanguages: z
    .record(z.string().regex(/^[a-z]{2,3}$/, "expected a language code"), z.array(z.string().min(1)))
    .default({}),
  /** Notes by name, in the order they are said. */
  notes: z.record(z.string().regex(/^[a-z_]+$/, "expected a note name"), noteSchema).default({}),
});

export type RulesFile = z.infer<typeof rulesFileSchema>;
export type Rule = z.infer<typeof rule>;
export type NoteRule = z.infer<typeof noteSchema>;
