import type { LanguageFormats } from "../knowledge/language-schema.js";
import { parseIsoDate } from "../lib/calendar.js";

/** How dates and the countdown are written in one language (from its knowledge file). */
export interface LanguageFormat {
  /** A `YYYY-MM-DD` calendar day: "26.05.2025", "26 May 2025". */
  date(isoDate: string): string;
  /** The weekday of a calendar day: "Montag", "Monday". */
  weekday(isoDate: string): string;
  /** The countdown as it reads inside a sentence: "noch 3 Tage", "3 days left". */
  daysLeft(days: number): string;
}

/** A calendar day is the same everywhere: format its UTC midnight in UTC. */
function utcDay(isoDate: string): Date {
  const [year, month, day] = parseIsoDate(isoDate);
  return new Date(Date.UTC(year, month - 1, day));
}

const built = new WeakMap<LanguageFormats, LanguageFormat>();

/** The formatter of a language file's `formats`, built with Intl once per file. */
export function languageFormat(formats: LanguageFormats): LanguageFormat {
  let format = built.get(formats);
  if (!format) {
    format = buildFormat(formats);
    built.set(formats, format);
  }
  return format;
}

function buildFormat(formats: LanguageFormats): LanguageFormat {
  const date = new Intl.DateTimeFormat(formats.locale, { ...formats.date, timeZone: "UTC" });
  const weekday = new Intl.DateTimeFormat(formats.locale, { weekday: "long", timeZone: "UTC" });
  return {
    date: (isoDate) => date.format(utcDay(isoDate)),
    weekday: (isoDate) => weekday.format(utcDay(isoDate)),
    daysLeft: (days) =>
      days === 1 ? formats.daysLeft.one : formats.daysLeft.other.replaceAll("{n}", String(days)),
  };
}
