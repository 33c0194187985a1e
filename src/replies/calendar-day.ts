import { TZDate } from "@date-fns/tz";

/** Midnight of a `YYYY-MM-DD` calendar day in `timeZone`, so its getters give that day there. */
export function calendarDay(isoDate: string, timeZone: string): TZDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${isoDate}".`);
  const [, year, month, day] = match;
  return new TZDate(Number(year), Number(month) - 1, Number(day), timeZone);
}

/** The first instant of the calendar day after `now` in `timeZone`. */
export function nextLocalMidnight(now: Date, timeZone: string): Date {
  const local = new TZDate(now.getTime(), timeZone);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, timeZone).getTime());
}
