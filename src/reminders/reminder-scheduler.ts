import { type ScheduledTask, schedule, validate } from "node-cron";
import { ConfigError } from "../domain/errors.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { isoWithOffset } from "../lib/calendar.js";
import type { Logger } from "../observability/logger.js";
import type { ReplyLimits } from "../replies/compose-reply.js";
import { textValidUntil } from "../replies/deadline-phase.js";
import type { StateStore } from "../store/state-store.js";
import { campaignStatuses } from "./campaign-status.js";
import { DEFAULT_REMINDER_GRACE_MS, dueReminders, reminderCandidates } from "./due-reminders.js";
import { type PlannedReminder, planReminders } from "./plan-reminders.js";

export interface ReminderSchedulerOptions {
  readonly knowledge: Knowledge;
  readonly store: Pick<StateStore, "claimReminder" | "recordReminder" | "getReminder">;
  /** The instance's posting limits; every reminder must fit one post. @default 500, a link 23 */
  readonly limits?: Partial<ReplyLimits>;
  /** `REMINDER_GRACE`: how late a missed reminder may still be posted. @default 3 h */
  readonly graceMs?: number;
  /** The clock, injected so that tests never wait. @default () => new Date() */
  readonly now?: () => Date;
  readonly logger: Logger;
  /** Called once for each reminder this scheduler claimed, after its post is queued. */
  readonly onQueued?: (reminder: PlannedReminder) => void;
  /** Queue the posts in the outbox. @default true; local mode passes false and prints via `onQueued`. */
  readonly enqueue?: boolean;
  /** When to check, in the campaign's zone. @default "* * * * *" (every minute) */
  readonly cronExpression?: string;
}

/** What one check did; `ok` is false when it failed (logged) and will be retried by the next. */
export interface TickResult {
  readonly ok: boolean;
  readonly queued: readonly string[];
  readonly skipped: readonly string[];
}

export interface ReminderScheduler {
  /** Logs each campaign's status, checks at once (reminders missed while down), then every minute. */
  start(): void;
  stop(): void;
  /** One check: claims and queues what is due, skips what is too late. Never throws. */
  tick(): TickResult;
  /** The whole plan, all campaigns and languages. */
  readonly plan: readonly PlannedReminder[];
}

/**
 * Posts every planned reminder once: the state store's claim is atomic across processes, so a
 * second tick, a restart or a second instance on the same state file finds the key taken. Throws
 * a ConfigError at creation if a reminder text is broken or too long.
 */
export function createReminderScheduler(props: ReminderSchedulerOptions): ReminderScheduler {
  const { knowledge, store, logger } = props;
  const graceMs = props.graceMs ?? DEFAULT_REMINDER_GRACE_MS;
  const now = props.now ?? (() => new Date());
  const expression = props.cronExpression ?? "* * * * *";
  if (!validate(expression)) throw new ConfigError([`reminder cron expression "${expression}" is not valid`]);
  const limits = props.limits ?? {};
  const plan = planReminders({ knowledge, from: new Date(-8.64e15), to: new Date(8.64e15), limits });
  let lastCheckedAt: Date | null = null;
  let task: ScheduledTask | undefined;

  function check(at: Date): { queued: string[]; skipped: string[] } {
    const candidates = reminderCandidates(plan, at, lastCheckedAt);
    const handled = new Set(candidates.filter((r) => store.getReminder(r.key) !== null).map((r) => r.key));
    const due = dueReminders({ plan: candidates, now: at, lastCheckedAt, graceMs, handled });
    const queued = due.post.filter((reminder) => queue(reminder, at)).map((r) => r.key);
    const skipped = due.skip.filter((reminder) => skip(reminder, at)).map((r) => r.key);
    // One line for all of them: a first start after a campaign can miss a whole schedule.
    if (skipped.length > 0) {
      // Slots of a schedule that is over (a first start after the campaign) are expected: info.
      // A skip while reminders are still to come means followers missed one: warn.
      const stillRunning = plan.some((r) => r.at.getTime() > at.getTime());
      logger[stillRunning ? "warn" : "info"](
        { reminderKeys: skipped, graceMs },
        `${skipped.length} reminder(s) missed by more than the grace period; recorded as skipped`,
      );
    }
    lastCheckedAt = at;
    return { queued, skipped };
  }

  function queue(reminder: PlannedReminder, at: Date): boolean {
    const post = { text: reminder.text, language: reminder.language, visibility: reminder.visibility };
    const outbox = {
      posts: [{ ...post, inReplyToId: null }],
      dueAt: at,
      deadlineAt: reminderDeadline(reminder, knowledge, graceMs),
    };
    if (!store.claimReminder(reminder.key, at, props.enqueue === false ? undefined : outbox)) {
      logger.debug({ reminderKey: reminder.key }, "reminder already claimed by another run");
      return false;
    }
    const lateMs = at.getTime() - reminder.at.getTime();
    logger.info(
      { reminderKey: reminder.key, plannedAt: reminder.at.toISOString(), lateMs },
      "reminder queued",
    );
    try {
      props.onQueued?.(reminder);
    } catch (error) {
      logger.error({ err: error, reminderKey: reminder.key }, "onQueued failed; the reminder stays queued");
    }
    return true;
  }

  function skip(reminder: PlannedReminder, at: Date): boolean {
    // Claim first, so that a skip never overwrites a claim another instance just made.
    if (!store.claimReminder(reminder.key, at)) return false;
    store.recordReminder(reminder.key, "skipped", at);
    return true;
  }

  function tick(): TickResult {
    try {
      return { ok: true, ...check(now()) };
    } catch (error) {
      logger.error({ err: error }, "reminder check failed; the next check retries");
      return { ok: false, queued: [], skipped: [] };
    }
  }

  return {
    plan,
    tick,
    start() {
      if (task) return;
      for (const status of campaignStatuses(knowledge, plan, now(), graceMs)) {
        logger.info({ campaign: status.campaignId, remaining: status.remaining }, status.message);
      }
      tick();
      task = schedule(expression, () => void tick(), {
        name: "deadline-reminders",
        timezone: knowledge.timeZone,
        noOverlap: true,
        logger: cronLogger(logger),
      });
      const next = plan.find((r) => r.at.getTime() > now().getTime());
      if (next) logger.debug({ at: isoWithOffset(next.at, knowledge.timeZone) }, "next reminder");
    },
    stop() {
      const running = task;
      task = undefined;
      if (running) void Promise.resolve(running.destroy()).catch(() => undefined);
    },
  };
}

/** node-cron's own messages (missed executions) go to our log, not to the console. */
function cronLogger(logger: Logger) {
  return {
    info: (message: string) => logger.info({ component: "node-cron" }, message),
    warn: (message: string) => logger.warn({ component: "node-cron" }, message),
    error: (message: string | Error, err?: Error) =>
      logger.error({ component: "node-cron", err: err ?? message }, String(message)),
    debug: (message: string | Error) => logger.debug({ component: "node-cron" }, String(message)),
  };
}

/** Posted within the grace period, and never after the midnight that would make "noch 3 Tage" wrong. */
function reminderDeadline(reminder: PlannedReminder, knowledge: Knowledge, graceMs: number): Date {
  const latest = reminder.at.getTime() + graceMs;
  const campaign = knowledge.campaigns.find((c) => c.id === reminder.campaignId);
  const validUntil = campaign ? textValidUntil(reminder.at, campaign, knowledge.timeZone) : null;
  return new Date(validUntil === null ? latest : Math.min(latest, validUntil.getTime()));
}
