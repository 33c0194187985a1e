import { TZDate, tzOffset } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";

// Calendar days and wall-clock times in a time zone: the one place the bot does date arithmetic.

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The calendar day `days` after (or before, if negative) a `YYYY-MM-DD` day. */
export function shiftIsoDate(isoDate: string, days: number): string {
  // Calendar arithmetic in UTC: no zone, so no missing midnight can shift the day.
  return format(addDays(new TZDate(`${isoDate}T00:00:00Z`, "UTC"), days), "yyyy-MM-dd");
}

/**
 * The instant at which clocks in `timeZone` show `time` (HH:MM) on `isoDate`. A time skipped by a
 * spring-forward change is moved forward by the gap (02:30 → 03:30); a time that happens twice on
 * a fall-back day is its first occurrence. TZDate alone takes the second one in some zones, so the
 * two candidate offsets are checked here.
 */
export function zonedInstant(isoDate: string, time: string, timeZone: string): Date {
  const [y, mo, d] = parseIsoDate(isoDate);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!clock) throw new RangeError(`Expected a time as HH:MM, got "${time}".`);
  const [, h, mi] = clock;
  // The wall-clock reading, as if the zone were UTC; subtracting the zone's offset gives the instant.
  const wall = Date.UTC(y, mo - 1, d, Number(h), Number(mi));
  const offsetBefore = tzOffset(timeZone, new Date(wall - DAY_MS));
  const offsetAfter = tzOffset(timeZone, new Date(wall + DAY_MS));
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => ({ offset, at: wall - offset * MINUTE_MS }))
    .filter(({ offset, at }) => tzOffset(timeZone, new Date(at)) === offset)
    .map(({ at }) => at);
  if (candidates.length === 0) return new Date(wall - offsetBefore * MINUTE_MS); // in a gap
  return new Date(Math.min(...candidates));
}

/** `2025-05-26T09:00+02:00`: the instant as the clocks in `timeZone` show it, with the offset. */
export function isoWithOffset(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd'T'HH:mmxxx");
}

/** The calendar day and the clock time of an instant in `timeZone`. */
export function localDateTime(at: Date, timeZone: string): { date: string; time: string } {
  const local = new TZDate(at.getTime(), timeZone);
  return { date: format(local, "yyyy-MM-dd"), time: format(local, "HH:mm") };
}

/** Midnight at the start of a `YYYY-MM-DD` day in `timeZone` (the first instant of that day). */
export function startOfLocalDay(isoDate: string, timeZone: string): Date {
  return zonedInstant(isoDate, "00:00", timeZone);
}

/** Year, month (1-12) and day of a `YYYY-MM-DD` date; a RangeError for anything else. */
export function parseIsoDate(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${isoDate}".`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Midnight of a `YYYY-MM-DD` calendar day in `timeZone`, so its getters give that day there. */
export function calendarDay(isoDate: string, timeZone: string): TZDate {
  const [year, month, day] = parseIsoDate(isoDate);
  return new TZDate(year, month - 1, day, timeZone);
}

/** The first instant of the calendar day after `now` in `timeZone`. */
export function nextLocalMidnight(now: Date, timeZone: string): Date {
  return startOfLocalDay(shiftIsoDate(localDateTime(now, timeZone).date, 1), timeZone);
}
