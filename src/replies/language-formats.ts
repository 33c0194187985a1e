import type { Locale } from "date-fns";
import { de } from "date-fns/locale/de";
import { enGB } from "date-fns/locale/en-GB";
import type { Language } from "../domain/language.js";

/** How dates and the countdown are written in one language. */
export interface LanguageFormat {
  /** date-fns locale, for month and weekday names. */
  readonly locale: Locale;
  /** date-fns pattern of a calendar date. */
  readonly datePattern: string;
  /** The countdown as it reads inside a sentence: "noch 3 Tage", "3 days left". */
  readonly daysLeft: (days: number) => string;
}

/**
 * One entry per language that has a knowledge file. A new language file whose answers use dates
 * or the countdown needs an entry here; `validateAnswerTemplates` reports a missing one at load.
 */
export const LANGUAGE_FORMATS: Readonly<Record<Language, LanguageFormat>> = {
  de: {
    locale: de,
    datePattern: "dd.MM.yyyy",
    daysLeft: (days) => (days === 1 ? "noch 1 Tag" : `noch ${days} Tage`),
  },
  en: {
    locale: enGB,
    datePattern: "d MMMM yyyy",
    daysLeft: (days) => (days === 1 ? "1 day left" : `${days} days left`),
  },
};

export function languageFormat(language: Language): LanguageFormat | undefined {
  return Object.hasOwn(LANGUAGE_FORMATS, language) ? LANGUAGE_FORMATS[language] : undefined;
}
