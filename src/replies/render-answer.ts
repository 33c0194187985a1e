import type { Language } from "../domain/language.js";
import type { Campaign } from "../knowledge/campaign-schema.js";
import type { AnswerText, LanguageFormats } from "../knowledge/language-schema.js";
import type { DeadlinePhase, DeadlineStatus } from "./deadline-phase.js";
import { type LanguageFormat, languageFormat } from "./language-formats.js";
import { AnswerTemplateError } from "./reply-errors.js";

/** What a placeholder can be filled from: the campaign, the language and where today is. */
export interface RenderContext {
  readonly language: Language;
  readonly campaign: Campaign;
  readonly timeZone: string;
  readonly deadline: DeadlineStatus;
  /** The language file's `formats`: how dates and the countdown are written. */
  readonly formats: LanguageFormats;
}

type Filler = (context: RenderContext, format: LanguageFormat) => string;

const FILLERS: Readonly<Record<string, Filler>> = {
  facebookForm: (c) => c.campaign.forms.facebook,
  instagramForm: (c) => c.campaign.forms.instagram,
  deadline: (c, f) => f.date(c.campaign.deadline),
  usageStarts: (c, f) => f.date(c.campaign.usageStarts),
  /** Weekday of the deadline: "Montag", "Monday". */
  weekday: (c, f) => f.weekday(c.campaign.deadline),
  daysLeft: (c, f) => f.daysLeft(c.deadline.daysLeft),
  campaignName: (c) => {
    const name = c.campaign.name[c.language];
    if (name === undefined) {
      throw new AnswerTemplateError(`Campaign "${c.campaign.id}" has no name for language "${c.language}".`);
    }
    return name;
  },
};

/** Every placeholder an answer text may use, written `{name}`. */
export const PLACEHOLDERS: readonly string[] = Object.keys(FILLERS);

/** Placeholders whose value starts lower case and is capitalised at the start of a sentence. */
const SENTENCE_CASE = new Set(["daysLeft"]);

const PLACEHOLDER = /\{([^{}\s]*)\}/g;
const SENTENCE_START = /(?:^|[.!?]\s|\n)\s*$/;

/** The variant of an answer for today's phase; a plain string is the same on every day. */
export function selectAnswerText(text: AnswerText, phase: DeadlinePhase): string {
  return typeof text === "string" ? text : text[phase];
}

/** Picks the variant for today and fills its placeholders. */
export function renderAnswer(text: AnswerText, context: RenderContext): string {
  return renderTemplate(selectAnswerText(text, context.deadline.phase), context);
}

/** Fills `{placeholder}`s; an unknown one throws (the loader's validation catches it earlier). */
export function renderTemplate(template: string, context: RenderContext): string {
  const fmt = languageFormat(context.formats);
  return template.replace(PLACEHOLDER, (_match, name: string, offset: number) => {
    const filler = FILLERS[name];
    if (!filler) throw new AnswerTemplateError(`Unknown placeholder {${name}} in "${template}".`);
    const value = filler(context, fmt);
    const atSentenceStart = SENTENCE_CASE.has(name) && SENTENCE_START.test(template.slice(0, offset));
    return atSentenceStart ? capitalise(value, context.language) : value;
  });
}

function capitalise(text: string, language: Language): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(language) + text.slice(head.length);
}

/** Names used in a template, and what is malformed about it (unknown names, stray braces). */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? "";
    if (!Object.hasOwn(FILLERS, name)) {
      problems.push(`unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(", ")})`);
    }
  }
  if (/[{}]/.test(template.replace(PLACEHOLDER, ""))) problems.push("unmatched { or }");
  return problems;
}

export function usesPlaceholder(template: string, name: string): boolean {
  return template.includes(`{${name}}`);
}
