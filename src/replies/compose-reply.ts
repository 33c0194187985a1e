import { type Intent, orderIntents } from "../domain/intent.js";
import { DEFAULT_LANGUAGE, type Language } from "../domain/language.js";
import type { Reply } from "../domain/reply.js";
import { type Knowledge, primaryCampaign } from "../knowledge/knowledge.js";
import type { AnswerText, LanguageFile } from "../knowledge/language-schema.js";
import { nextLocalMidnight } from "../lib/calendar.js";
import { deadlinePhase } from "./deadline-phase.js";
import { dropRepeatedLines } from "./drop-repeats.js";
import { type RenderContext, renderAnswer } from "./render-answer.js";
import { AnswerTemplateError } from "./reply-errors.js";
import { splitIntoPosts } from "./split-posts.js";

/** The instance's posting limits (`configuration.statuses` of the instance API). */
export interface ReplyLimits {
  /** @default 500 */
  readonly maxCharacters: number;
  /** @default 23 */
  readonly charactersReservedPerUrl: number;
}

export const DEFAULT_REPLY_LIMITS: ReplyLimits = { maxCharacters: 500, charactersReservedPerUrl: 23 };

export interface ComposeReplyInput {
  readonly intents: Iterable<Intent>;
  /**
   * Notes on the specific point asked (Classification.notes), each said right before the answer
   * it goes with (intents.yaml `notes`); one without a text in the reply's language is left out.
   */
  readonly notes?: Iterable<string>;
  /** Language to answer in; one without a knowledge file falls back to English (DEFAULT_LANGUAGE). */
  readonly language: Language;
  /** The moment the reply is sent: answers are phrased for that day in the campaign's zone. */
  readonly now: Date;
  /** `alice` or `alice@remote.example`: the only account the reply mentions; null: none. */
  readonly author: { readonly acct: string | null };
  readonly knowledge: Knowledge;
  readonly limits?: Partial<ReplyLimits>;
}

type AnswerIntent = Exclude<Intent, "thanks">;

/**
 * Writes the posts of one reply: `@author`, then the answers in the fixed topic order, each link
 * and line given once. One post when it fits, else a numbered thread. `thanks` alone gives no
 * posts; no intent gives the fallback topic menu; `help` gives the menu unless a real question
 * comes with it.
 */
export function composeReply(input: ComposeReplyInput): Reply {
  const { knowledge } = input;
  const language = knowledge.languages.has(input.language) ? input.language : DEFAULT_LANGUAGE;
  const file = knowledge.languages.get(language);
  if (!file)
    throw new AnswerTemplateError(`No knowledge file for language "${language}" or "${input.language}".`);

  const ordered = orderIntents(input.intents);
  const topics = ordered.filter((id): id is AnswerIntent => id !== "thanks");
  if (ordered.length > 0 && topics.length === 0) return { language, posts: [], validUntil: null };

  const campaign = primaryCampaign(knowledge);
  const context: RenderContext = {
    language,
    campaign,
    timeZone: knowledge.timeZone,
    deadline: deadlinePhase(input.now, campaign, knowledge.timeZone),
    formats: file.formats,
  };
  const blocks = answerBlocks(topics, file, new Set(input.notes ?? []), knowledge.rules.notes);
  const texts = blocks.flat();
  const answers = dropRepeatedLines(
    blocks.map((block) => block.map((text) => renderAnswer(text, context)).join("\n")),
  );
  const limits = { ...DEFAULT_REPLY_LIMITS, ...input.limits };
  const posts = splitIntoPosts(answers.join("\n\n"), {
    acct: input.author.acct,
    maxCharacters: limits.maxCharacters,
    charactersReservedPerUrl: limits.charactersReservedPerUrl,
    language,
  });
  // A text that reads the same any day keeps its whole send window, even across midnight.
  const changesDaily = texts.some((text) => typeof text !== "string" || text.includes("{daysLeft}"));
  const validUntil =
    changesDaily && context.deadline.phase !== "after"
      ? nextLocalMidnight(input.now, knowledge.timeZone)
      : null;
  return { language, posts, validUntil };
}

/** The texts of each answer: its notes first, then the answer itself. */
function answerBlocks(
  topics: readonly AnswerIntent[],
  file: LanguageFile,
  notes: ReadonlySet<string>,
  noteRules: Knowledge["rules"]["notes"],
): AnswerText[][] {
  if (topics.length === 0) return [[file.fallback]];
  // The menu adds nothing to a reply that answers a real question.
  const asked = topics.length > 1 ? topics.filter((id) => id !== "help") : topics;
  const said = new Set<string>();
  return asked.map((id) => {
    // In the rules' order; each note once, before the first answer it goes with.
    const here = Object.entries(noteRules).flatMap(([name, note]) => {
      const text = file.notes[name];
      if (!notes.has(name) || said.has(name) || text === undefined || !note.with.some((w) => w === id))
        return [];
      said.add(name);
      return [text];
    });
    return [...here, file.answers[id]];
  });
}
