import type { Knowledge } from "../knowledge/knowledge.js";
import { primaryCampaign } from "../knowledge/knowledge.js";
import type { AnswerText, LanguageFile } from "../knowledge/language-schema.js";
import { countLength } from "./count-length.js";
import type { DeadlinePhase, DeadlineStatus } from "./deadline-phase.js";
import { daysLeftProblems } from "./language-formats.js";
import { type RenderContext, renderTemplate, templateProblems, usesPlaceholder } from "./render-answer.js";

/** Sample days of each phase an answer is rendered for while checking it. */
const SAMPLE_DAYS: Readonly<Record<DeadlinePhase, readonly DeadlineStatus[]>> = {
  before: [
    { phase: "before", daysLeft: 14 },
    { phase: "before", daysLeft: 1 },
  ],
  on: [{ phase: "on", daysLeft: 0 }],
  after: [{ phase: "after", daysLeft: -1 }],
};
const ALL_PHASES: readonly DeadlinePhase[] = ["before", "on", "after"];

/** One answer alone must fit a post of Mastodon's default size. */
const MAX_ANSWER_LENGTH = 500;

/**
 * Checks every answer, note and fallback text of every language against the primary campaign, so that a
 * broken text fails at load time and never at send time. Returns one line per problem, naming the
 * file and the key (`config/lang/de.yaml: answers.deadline.on: unknown placeholder {foo}`).
 */
export function validateAnswerTemplates(knowledge: Knowledge, languageDir = "config/lang"): string[] {
  const problems: string[] = [];
  const campaign = primaryCampaign(knowledge);
  for (const [language, file] of knowledge.languages) {
    const where = `${languageDir}/${language}.yaml`;
    problems.push(...daysLeftProblems(file.formats).map((p) => `${where}: ${p}`));
    for (const [key, text] of answerEntries(file)) {
      for (const variant of variantsOf(key, text)) {
        const context = { language, campaign, timeZone: knowledge.timeZone, formats: file.formats };
        problems.push(...checkVariant(variant, context).map((p) => `${where}: ${variant.key}: ${p}`));
      }
    }
  }
  return problems;
}

function answerEntries(file: LanguageFile): [string, AnswerText][] {
  const answers = Object.entries(file.answers).map(([id, text]): [string, AnswerText] => [
    `answers.${id}`,
    text,
  ]);
  const notes = Object.entries(file.notes).map(([name, text]): [string, AnswerText] => [
    `notes.${name}`,
    text,
  ]);
  return [...answers, ...notes, ["fallback", file.fallback]];
}

interface Variant {
  readonly key: string;
  readonly template: string;
  readonly phases: readonly DeadlinePhase[];
}

function variantsOf(key: string, text: AnswerText): Variant[] {
  if (typeof text === "string") return [{ key, template: text, phases: ALL_PHASES }];
  return ALL_PHASES.map((phase) => ({ key: `${key}.${phase}`, template: text[phase], phases: [phase] }));
}

function checkVariant(variant: Variant, context: Omit<RenderContext, "deadline">): string[] {
  const problems = templateProblems(variant.template);
  if (usesPlaceholder(variant.template, "daysLeft") && variant.phases.some((p) => p !== "before")) {
    problems.push("{daysLeft} only makes sense before the deadline; write {before, on, after} texts");
  }
  if (problems.length > 0) return problems;
  for (const deadline of variant.phases.flatMap((phase) => SAMPLE_DAYS[phase])) {
    try {
      const length = countLength(renderTemplate(variant.template, { ...context, deadline }));
      if (length > MAX_ANSWER_LENGTH) {
        return [`${length} characters when rendered; keep one answer under ${MAX_ANSWER_LENGTH}`];
      }
    } catch (error) {
      return [(error as Error).message];
    }
  }
  return [];
}
