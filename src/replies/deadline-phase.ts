import { tz } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import type { Campaign } from "../knowledge/campaign-schema.js";
import { calendarDay, nextLocalMidnight } from "../lib/calendar.js";

/** Where today lies relative to the last day on which an objection can be filed. */
export type DeadlinePhase = "before" | "on" | "after";

export interface DeadlineStatus {
  readonly phase: DeadlinePhase;
  /** Calendar days from today to the deadline: 3 three days before, 0 on the day, -1 the day after. */
  readonly daysLeft: number;
}

/**
 * Phase and countdown for `now`, on calendar days in `timeZone`: 2025-05-25T22:30Z is already
 * the 26th in Berlin, so that is the last day, whatever the server's own zone is.
 */
export function deadlinePhase(
  now: Date,
  campaign: Pick<Campaign, "deadline">,
  timeZone: string,
): DeadlineStatus {
  const deadline = calendarDay(campaign.deadline, timeZone);
  const daysLeft = differenceInCalendarDays(deadline, now, { in: tz(timeZone) });
  const phase: DeadlinePhase = daysLeft > 0 ? "before" : daysLeft === 0 ? "on" : "after";
  return { phase, daysLeft };
}

/**
 * Until when a text written at `now` stays true. Before and on the deadline, answers count the
 * days ("noch 3 Tage", "heute ist der letzte Tag"), so they are right only until local midnight;
 * after the deadline nothing in them changes from day to day (null: no limit).
 */
export function textValidUntil(
  now: Date,
  campaign: Pick<Campaign, "deadline">,
  timeZone: string,
): Date | null {
  return deadlinePhase(now, campaign, timeZone).phase === "after" ? null : nextLocalMidnight(now, timeZone);
}
