import { isoWithOffset } from "../lib/calendar.js";
import type { PlannedReminder } from "./plan-reminders.js";

/** Anything text can be written to: process.stdout, or an array in tests. */
export interface TextOutput {
  write(chunk: string): unknown;
}

/**
 * For local mode: pass as the scheduler's `onQueued` (with `enqueue: false`), so that each reminder
 * is printed, exactly as it would be posted, when it fires.
 */
export function createConsoleReminderSink(
  output: TextOutput,
  timeZone: string,
): (reminder: PlannedReminder) => void {
  return (reminder) => {
    const when = isoWithOffset(reminder.at, timeZone);
    output.write(`--- reminder ${reminder.key} (${when}, ${reminder.visibility})\n${reminder.text}\n`);
  };
}
