import type { PlannedReminder } from "./plan-reminders.js";

/** `REMINDER_GRACE`'s default: a reminder more than 3 h late is skipped, not posted. */
export const DEFAULT_REMINDER_GRACE_MS = 3 * 60 * 60 * 1000;

export interface DueRemindersInput {
  readonly plan: readonly PlannedReminder[];
  readonly now: Date;
  /**
   * `now` of the last check that completed, or null at start-up. Every slot due by then was
   * claimed or recorded by that check, so only later ones are looked at again.
   */
  readonly lastCheckedAt: Date | null;
  /** How late a reminder may still be posted. */
  readonly graceMs: number;
  /** Keys already claimed or recorded, by this process or another one on the same state. */
  readonly handled: ReadonlySet<string>;
}

export interface DueReminders {
  /** Due and within the grace period: post now. */
  readonly post: readonly PlannedReminder[];
  /** Missed by more than the grace period (the bot was down, or the clock jumped): record as skipped. */
  readonly skip: readonly PlannedReminder[];
}

/**
 * The slots a check at `now` has to decide on: due (`at <= now`) and not settled by the previous
 * check. A clock that went backwards yields nothing new; one that jumped forward yields the slots
 * in between, which `dueReminders` posts or skips by how late they are.
 */
export function reminderCandidates(
  plan: readonly PlannedReminder[],
  now: Date,
  lastCheckedAt: Date | null,
): PlannedReminder[] {
  const after = lastCheckedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return plan.filter((r) => r.at.getTime() <= now.getTime() && r.at.getTime() > after);
}

/** Splits the unhandled candidates into those to post now and those too late to post. */
export function dueReminders(input: DueRemindersInput): DueReminders {
  const post: PlannedReminder[] = [];
  const skip: PlannedReminder[] = [];
  for (const reminder of reminderCandidates(input.plan, input.now, input.lastCheckedAt)) {
    if (input.handled.has(reminder.key)) continue;
    const lateMs = input.now.getTime() - reminder.at.getTime();
    (lateMs > input.graceMs ? skip : post).push(reminder);
  }
  return { post, skip };
}
