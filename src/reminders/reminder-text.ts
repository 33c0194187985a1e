import type { Language } from "../domain/language.js";
import type { Campaign } from "../knowledge/campaign-schema.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { LanguageFile } from "../knowledge/language-schema.js";
import { countLength } from "../replies/count-length.js";
import { deadlinePhase } from "../replies/deadline-phase.js";
import { renderTemplate, templateProblems, usesPlaceholder } from "../replies/render-answer.js";

/** The kinds of reminder post: before the deadline, twice on the last day, once after it. */
export type ReminderSlot = "countdown" | "last-day-morning" | "last-day-evening" | "closing";

export type ReminderTexts = LanguageFile["reminders"];

/** Which text of the language file's `reminders` each slot uses. */
const TEXT_KEYS: Readonly<Record<ReminderSlot, keyof ReminderTexts>> = {
  countdown: "countdown",
  "last-day-morning": "last_day_morning",
  "last-day-evening": "last_day_evening",
  closing: "closing",
};

export interface ReminderTextInput {
  readonly knowledge: Knowledge;
  readonly campaign: Campaign;
  readonly slot: ReminderSlot;
  readonly language: Language;
  /** The moment of posting: the countdown is phrased for that day. */
  readonly at: Date;
  /** The instance's limit and what a link counts; the text must fit one post. */
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  /** Shown in problems, e.g. `config/lang`. */
  readonly languageDir: string;
}

export type ReminderTextResult = { readonly text: string } | { readonly problems: readonly string[] };

/**
 * The reminder's text for that moment, with the campaign's hashtags appended, or what is wrong
 * with it: each problem names the file and key, so a broken text fails at load, not at 09:00.
 */
export function renderReminderText(input: ReminderTextInput): ReminderTextResult {
  const { knowledge, campaign, slot, language } = input;
  const where = `${input.languageDir}/${language}.yaml`;
  const key = `reminders.${TEXT_KEYS[slot]}`;
  const file = knowledge.languages.get(language);
  const template = file?.reminders[TEXT_KEYS[slot]];
  if (file === undefined || template === undefined) {
    return {
      problems: [
        `${where}: ${key}: missing; campaign "${campaign.id}" posts reminders in "${language}" (add the text, or remove "${language}" from its reminders.languages)`,
      ],
    };
  }
  const problems = templateChecks(template, slot).map((p) => `${where}: ${key}: ${p}`);
  if (problems.length > 0) return { problems };
  let text: string;
  try {
    const context = {
      language,
      campaign,
      timeZone: knowledge.timeZone,
      deadline: deadlinePhase(input.at, campaign, knowledge.timeZone),
      formats: file.formats,
    };
    text = withHashtags(renderTemplate(template, context), campaign.hashtags);
  } catch (error) {
    return { problems: [`${where}: ${key}: ${(error as Error).message}`] };
  }
  const found = renderedChecks(text, input).map((p) => `${where}: ${key}: ${p}`);
  return found.length > 0 ? { problems: found } : { text };
}

function templateChecks(template: string, slot: ReminderSlot): string[] {
  const problems = templateProblems(template);
  if (!usesPlaceholder(template, "campaignName")) {
    problems.push("name the campaign with {campaignName}; several campaigns may post reminders");
  }
  if (slot !== "countdown" && usesPlaceholder(template, "daysLeft")) {
    problems.push("{daysLeft} is only for the countdown text");
  }
  return problems;
}

function renderedChecks(text: string, input: ReminderTextInput): string[] {
  const problems: string[] = [];
  const length = countLength(text, { perUrl: input.charactersReservedPerUrl });
  if (length > input.maxCharacters) {
    problems.push(
      `${length} characters with the hashtags for campaign "${input.campaign.id}" (limit ${input.maxCharacters}, a link counts ${input.charactersReservedPerUrl}); shorten it to fit one post`,
    );
  }
  if (input.slot !== "closing") {
    const { facebook, instagram } = input.campaign.forms;
    if (!text.includes(facebook) || !text.includes(instagram)) {
      problems.push("give both form links, {facebookForm} and {instagramForm}");
    }
  }
  return problems;
}

function withHashtags(text: string, hashtags: readonly string[]): string {
  return hashtags.length === 0 ? text : `${text}\n\n${hashtags.map((tag) => `#${tag}`).join(" ")}`;
}
