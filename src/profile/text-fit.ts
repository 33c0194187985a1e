import { INTENTS, type Intent } from "../domain/intent.js";
import { type Knowledge, primaryCampaign } from "../knowledge/knowledge.js";
import { calendarDay } from "../lib/calendar.js";
import { planReminders, validateReminderTexts } from "../reminders/plan-reminders.js";
import { composeReply, type ReplyLimits } from "../replies/compose-reply.js";

export interface TextFit {
  /** Answers checked: every intent (with all its notes) and the topic menu, per language and phase. */
  readonly answersChecked: number;
  /** Answers that need a thread of several posts (allowed, but one post is the aim). */
  readonly answersSplit: readonly string[];
  /** Reminder posts in the whole plan, when they all render and fit. */
  readonly reminders: number;
  /** Reminder texts that do not render or fit one post: the bot would refuse to start. */
  readonly reminderProblems: readonly string[];
}

/** The longest acct Mastodon counts in a reply: `@` + a 30-character username (the domain is free). */
const LONGEST_AUTHOR = "a".repeat(30);
const PHASES = [
  ["before", -3],
  ["on", 0],
  ["after", 1],
] as const;

/** Whether every answer and reminder fits the instance's post limit. Pure: renders, posts nothing. */
export function checkTextFit(knowledge: Knowledge, limits: ReplyLimits, languageDir?: string): TextFit {
  const reminderProblems = validateReminderTexts(knowledge, languageDir, limits);
  const reminders =
    reminderProblems.length > 0
      ? 0
      : planReminders({ knowledge, from: new Date(0), to: new Date(8.64e15), limits, languageDir }).length;
  return { ...checkAnswers(knowledge, limits), reminders, reminderProblems };
}

function checkAnswers(knowledge: Knowledge, limits: ReplyLimits) {
  const campaign = primaryCampaign(knowledge);
  const topics: Array<Intent | null> = [...INTENTS.filter((id) => id !== "thanks"), null];
  const split = new Map<string, string[]>();
  let answersChecked = 0;
  for (const language of knowledge.languages.keys()) {
    for (const [phase, offsetDays] of PHASES) {
      // Noon in the campaign's zone, offsetDays from the deadline: safely inside that phase.
      const day = calendarDay(campaign.deadline, knowledge.timeZone);
      const now = new Date(day.getTime() + (offsetDays * 24 + 12) * 3_600_000);
      for (const intent of topics) {
        answersChecked++;
        const reply = composeReply({
          intents: intent ? [intent] : [],
          // The longest the answer gets: with every note it can carry.
          notes: notesWith(knowledge, intent),
          language,
          now,
          author: { acct: LONGEST_AUTHOR },
          knowledge,
          limits,
        });
        if (reply.posts.length <= 1) continue;
        const key = `${language} ${intent ?? "topic menu"}`;
        split.set(key, [...(split.get(key) ?? []), `${phase}: ${reply.posts.length} posts`]);
      }
    }
  }
  const answersSplit = [...split].map(([key, phases]) => `${key} (${phases.join(", ")})`);
  return { answersChecked, answersSplit };
}

function notesWith(knowledge: Knowledge, intent: Intent | null): string[] {
  return Object.entries(knowledge.rules.notes)
    .filter(([, note]) => note.with.some((id) => id === intent))
    .map(([name]) => name);
}
