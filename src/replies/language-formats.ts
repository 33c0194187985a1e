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
  const plural = new Intl.PluralRules(formats.locale);
  return {
    date: (isoDate) => date.format(utcDay(isoDate)),
    weekday: (isoDate) => weekday.format(utcDay(isoDate)),
    daysLeft: (days) => {
      const text = formats.daysLeft[plural.select(days)] ?? formats.daysLeft.other;
      return text.replaceAll("{n}", String(days));
    },
  };
}

/** A countdown says 1 to 365 days (campaign.yaml `daysBefore`; the last day has its own texts). */
const COUNTDOWN_DAYS = Array.from({ length: 365 }, (_, n) => n + 1);

/**
 * What is missing from `formats.daysLeft` for its locale: a plural category that some day count
 * falls into ("pl": 2 dni is `few`, 5 dni is `many`), or `{n}` in a form that covers several
 * counts. One line per problem, the key first.
 */
export function daysLeftProblems(formats: LanguageFormats): string[] {
  const plural = new Intl.PluralRules(formats.locale);
  const counts = new Map<Intl.LDMLPluralRule, number[]>();
  for (const n of COUNTDOWN_DAYS) {
    const category = plural.select(n);
    counts.set(category, [...(counts.get(category) ?? []), n]);
  }
  const problems: string[] = [];
  for (const [category, days] of counts) {
    const text = formats.daysLeft[category];
    const sample = days.slice(0, 3).join(", ");
    if (text === undefined) {
      problems.push(
        `formats.daysLeft.${category}: missing; ${formats.locale} uses this form for ${sample}… days`,
      );
    } else if (days.length > 1 && !text.includes("{n}")) {
      problems.push(`formats.daysLeft.${category}: needs {n}; ${formats.locale} uses it for ${sample}… days`);
    }
  }
  return problems;
}
