import * as z from "zod";
import { INTENTS } from "../domain/intent.js";

/** A text that depends on where today is relative to the deadline. */
const byDeadline = z.strictObject({
  before: z.string().min(1),
  on: z.string().min(1),
  after: z.string().min(1),
});
const answerText = z.union([z.string().min(1), byDeadline]);

const answerIntents = INTENTS.filter((id) => id !== "thanks");

export const answersSchema = z.strictObject(
  Object.fromEntries(answerIntents.map((id) => [id, answerText])) as Record<
    (typeof answerIntents)[number],
    typeof answerText
  >,
);

/** How dates and the countdown are written: Intl options, so any language works without code. */
export const formatsSchema = z.strictObject({
  /** BCP 47 locale for month and weekday names, e.g. de-DE, en-GB. */
  locale: z.string().refine((tag) => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0;
    } catch {
      return false;
    }
  }, "expected a BCP 47 locale this Node.js knows, such as de-DE or en-GB"),
  /** How a calendar date is written, as Intl.DateTimeFormat options. */
  date: z.strictObject({
    day: z.enum(["numeric", "2-digit"]),
    month: z.enum(["numeric", "2-digit", "long", "short"]),
    year: z.enum(["numeric", "2-digit"]),
  }),
  /**
   * The countdown inside a sentence, by plural category of the locale (Intl.PluralRules); `{n}` is
   * the number of days. Polish needs `few` and `many` too; the loader says which are missing.
   */
  daysLeft: z.strictObject({
    zero: z.string().min(1).optional(),
    one: z.string().min(1),
    two: z.string().min(1).optional(),
    few: z.string().min(1).optional(),
    many: z.string().min(1).optional(),
    other: z.string().includes("{n}"),
  }),
});

export const languageFileSchema = z.strictObject({
  language: z.string().regex(/^[a-z]{2,3}$/, "expected an ISO 639 code such as de or en"),
  /** The language's name in itself ("Deutsch"), for the profile; default: what Intl calls it. */
  name: z.string().trim().min(1).optional(),
  /** Frequent short words of this language, for telling languages apart. */
  markers: z.array(z.string().min(1)).min(10, "give at least 10 marker words"),
  formats: formatsSchema,
  /** Keyword lists by concept name; intents.yaml combines concepts into intents. */
  concepts: z.record(z.string(), z.array(z.string().min(1))),
  answers: answersSchema,
  /**
   * Notes on the specific point asked, by the names of intents.yaml `notes`, each put before its
   * answer. A note without a text in this language is left out of the reply.
   */
  notes: z.record(z.string(), answerText).default({}),
  /** Sent when a mention asks nothing the bot knows: a short topic menu. */
  fallback: z.string().min(1),
  /** Direct message to a new follower (GREET_FOLLOWERS): what the bot posts and how to ask it. */
  greeting: z.string().min(1).optional(),
  /** This language's part of the bot's bio (setup-profile joins the languages, German first). */
  profile: z.strictObject({ bio: z.string().trim().min(1).max(400) }).optional(),
  /** Deadline reminder texts; each is checked for every language a campaign posts reminders in. */
  reminders: z
    .strictObject({
      /** Days before the deadline; {daysLeft} is the countdown ("noch 3 Tage"). */
      countdown: z.string().min(1).optional(),
      last_day_morning: z.string().min(1).optional(),
      last_day_evening: z.string().min(1).optional(),
      /** The day after the deadline: the deadline has passed. */
      closing: z.string().min(1).optional(),
    })
    .default({}),
});

export type LanguageFile = z.infer<typeof languageFileSchema>;
export type AnswerText = z.infer<typeof answerText>;

export type LanguageFormats = z.infer<typeof formatsSchema>;
