import { ConfigError } from "../domain/errors.js";
import type { Language } from "../domain/language.js";
import type { Campaign } from "../knowledge/campaign-schema.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { localDateTime, shiftIsoDate, zonedInstant } from "../lib/calendar.js";
import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from "../replies/compose-reply.js";
import { type ReminderSlot, renderReminderText } from "./reminder-text.js";

export type { ReminderSlot } from "./reminder-text.js";

/** One reminder post at one moment. Plain data: the scheduler and the CLI act on it. */
export interface PlannedReminder {
  /** `${campaignId}:${localDate}:${slot}:${language}`: stable across restarts and processes. */
  readonly key: string;
  readonly campaignId: string;
  readonly slot: ReminderSlot;
  readonly language: Language;
  /** The instant it is due. */
  readonly at: Date;
  /** The calendar day of the slot in the campaign's zone, `YYYY-MM-DD`. */
  readonly localDate: string;
  /** The clocks' reading at `at` in the campaign's zone, `HH:MM` (03:30 for 02:30 in a DST gap). */
  readonly localTime: string;
  readonly visibility: "public" | "unlisted";
  readonly text: string;
}

export interface PlanRemindersInput {
  readonly knowledge: Knowledge;
  /** Reminders due at or after this instant are listed... */
  readonly from: Date;
  /** ...and before this one (exclusive). */
  readonly to: Date;
  /** The instance's posting limits; @default 500 characters, a link counts 23. */
  readonly limits?: Partial<ReplyLimits>;
  /** Where the language files are, for problem messages. @default "config/lang" */
  readonly languageDir?: string;
}

/**
 * Every reminder post of every campaign between `from` and `to`, sorted by time: the configured
 * days before the deadline at the configured time, the last day's evening post, and one closing
 * post the day after the deadline; nothing later. Times are wall-clock times in
 * `knowledge.timeZone`. Throws a ConfigError listing every text that cannot be rendered or does
 * not fit one post, for all slots, not only the window's.
 */
export function planReminders(input: PlanRemindersInput): PlannedReminder[] {
  const { reminders, problems } = buildPlan(input.knowledge, input.limits, input.languageDir);
  if (problems.length > 0) throw new ConfigError(problems);
  const from = input.from.getTime();
  const to = input.to.getTime();
  return reminders.filter((r) => r.at.getTime() >= from && r.at.getTime() < to);
}

/** What `planReminders` would throw for, one line per problem; for the knowledge loader. */
export function validateReminderTexts(
  knowledge: Knowledge,
  languageDir?: string,
  limits?: Partial<ReplyLimits>,
): string[] {
  return buildPlan(knowledge, limits, languageDir).problems;
}

interface SlotTime {
  readonly slot: ReminderSlot;
  readonly localDate: string;
  readonly time: string;
}

function buildPlan(
  knowledge: Knowledge,
  limits: Partial<ReplyLimits> = {},
  languageDir = "config/lang",
): { reminders: PlannedReminder[]; problems: string[] } {
  const { maxCharacters, charactersReservedPerUrl } = { ...DEFAULT_REPLY_LIMITS, ...limits };
  const reminders: PlannedReminder[] = [];
  const problems = new Set<string>();
  for (const campaign of knowledge.campaigns) {
    for (const { slot, localDate, time } of slotTimes(campaign)) {
      const at = zonedInstant(localDate, time, knowledge.timeZone);
      const local = localDateTime(at, knowledge.timeZone);
      for (const language of campaign.reminders.languages) {
        const text = renderReminderText({
          knowledge,
          campaign,
          slot,
          language,
          at,
          maxCharacters,
          charactersReservedPerUrl,
          languageDir,
        });
        if ("problems" in text) {
          for (const p of text.problems) problems.add(p);
          continue;
        }
        reminders.push({
          key: `${campaign.id}:${localDate}:${slot}:${language}`,
          campaignId: campaign.id,
          slot,
          language,
          at,
          localDate,
          localTime: local.time,
          visibility: campaign.reminders.visibility,
          text: text.text,
        });
      }
    }
  }
  // Stable: equal times keep campaign, slot and language order.
  reminders.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { reminders, problems: [...problems] };
}

/** The slots of one campaign on calendar days of its zone. */
function slotTimes(campaign: Campaign): SlotTime[] {
  const { daysBefore, time, lastDayEvening } = campaign.reminders;
  const days = [...new Set(daysBefore)].sort((a, b) => b - a);
  const slots: SlotTime[] = days.map((n) => ({
    slot: n === 0 ? "last-day-morning" : "countdown",
    localDate: shiftIsoDate(campaign.deadline, -n),
    time,
  }));
  if (lastDayEvening !== null) {
    slots.push({ slot: "last-day-evening", localDate: campaign.deadline, time: lastDayEvening });
  }
  slots.push({ slot: "closing", localDate: shiftIsoDate(campaign.deadline, 1), time });
  return slots;
}
