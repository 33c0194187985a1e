import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../src/domain/errors.js";
import { createConsoleReminderSink } from "../../src/reminders/console-reminder-sink.js";
import {
  createReminderScheduler,
  type ReminderSchedulerOptions,
} from "../../src/reminders/reminder-scheduler.js";
import { reminderGroupKey } from "../../src/store/outbox-keys.js";
import { realKnowledge } from "../support/knowledge.js";
import { openTestStore, type TestStore } from "../support/test-store.js";
import { berlin, recordingLogger } from "./reminder-fixtures.js";

const SLOT = "meta-ai-2025:2025-05-23:countdown:de";
const EARLIER = ["meta-ai-2025:2025-05-12:countdown:de", "meta-ai-2025:2025-05-19:countdown:de"];
const HOUR = 3600_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  vi.useRealTimers();
});

/** A scheduler whose clock is a variable the test sets. */
function setup(props: Partial<ReminderSchedulerOptions> & { store?: TestStore } = {}) {
  const store = props.store ?? openTestStore();
  const { logger, lines } = recordingLogger();
  const clock = { now: berlin("2025-05-23T09:00") };
  const scheduler = createReminderScheduler({
    knowledge: realKnowledge(),
    store,
    logger,
    now: () => clock.now,
    ...props,
  });
  cleanups.push(() => scheduler.stop());
  const tickAt = (local: string) => {
    clock.now = berlin(local);
    return scheduler.tick();
  };
  return { store, scheduler, lines, clock, tickAt };
}

function tempSqliteFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "optout-reminders-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "state.sqlite");
}

describe("reminder scheduler: exactly once, at the right time", () => {
  it("queues the 09:00 slot once on a restart at 09:05, through the outbox", () => {
    const { store, tickAt } = setup();
    expect(tickAt("2025-05-23T09:05")).toEqual({ ok: true, queued: [SLOT], skipped: EARLIER });
    expect(tickAt("2025-05-23T09:06").queued).toEqual([]);
    const [item, ...more] = store.outboxGroup(reminderGroupKey(SLOT));
    expect(more).toEqual([]);
    expect(item).toMatchObject({
      kind: "post",
      idempotencyKey: `reminder:${SLOT}:0`,
      language: "de",
      visibility: "unlisted",
      inReplyToId: null,
      state: "pending",
      dueAt: berlin("2025-05-23T09:05"),
      deadlineAt: berlin("2025-05-23T12:00"),
    });
    expect(item?.kind === "post" && item.text).toContain("Noch 3 Tage: bis Montag, 26.05.2025");
    expect(store.pendingCount()).toBe(1);
    expect(store.getReminder(SLOT)?.state).toBe("claimed");
  });

  it("skips the 09:00 slot on a restart at 13:00 and records it", () => {
    const { store, tickAt, lines } = setup();
    expect(tickAt("2025-05-23T13:00")).toEqual({ ok: true, queued: [], skipped: [...EARLIER, SLOT] });
    expect(store.getReminder(SLOT)?.state).toBe("skipped");
    expect(store.pendingCount()).toBe(0);
    expect(
      lines.some((l) => l.level === 40 && (l.reminderKeys as string[] | undefined)?.includes(SLOT)),
    ).toBe(true);
    expect(tickAt("2025-05-23T13:01").skipped).toEqual([]);
  });

  it("queues once when two ticks fall in the same minute", () => {
    const { store, tickAt } = setup();
    tickAt("2025-05-23T08:59");
    expect(tickAt("2025-05-23T09:00").queued).toEqual([SLOT]);
    expect(tickAt("2025-05-23T09:00").queued).toEqual([]);
    expect(store.pendingCount()).toBe(1);
  });

  it("neither doubles nor skips when the clock goes backwards and forward again", () => {
    const { store, tickAt } = setup();
    expect(tickAt("2025-05-23T09:00").queued).toEqual([SLOT]);
    expect(tickAt("2025-05-23T08:30")).toMatchObject({ queued: [], skipped: [] });
    expect(tickAt("2025-05-23T09:00")).toMatchObject({ queued: [], skipped: [] });
    expect(tickAt("2025-05-24T09:00").queued).toEqual(["meta-ai-2025:2025-05-24:countdown:de"]);
    expect(store.pendingCount()).toBe(2);
  });

  it("posts once with two scheduler instances on one state file", () => {
    const path = tempSqliteFile();
    const first = setup({ store: openTestStore(path) });
    const second = setup({ store: openTestStore(path) });
    const results = [first.tickAt("2025-05-23T09:00"), second.tickAt("2025-05-23T09:00")];
    expect(results.flatMap((r) => r.queued)).toEqual([SLOT]);
    expect(results.flatMap((r) => r.skipped).sort()).toEqual(EARLIER);
    // Later ticks of either, and a restarted third one, find the slot taken.
    expect(first.tickAt("2025-05-23T09:01").queued).toEqual([]);
    const third = setup({ store: openTestStore(path) });
    expect(third.tickAt("2025-05-23T09:02")).toMatchObject({ queued: [], skipped: [] });
    expect(first.store.outboxGroup(reminderGroupKey(SLOT))).toHaveLength(1);
    expect(second.store.pendingCount()).toBe(1);
  });

  it("catches and logs a failing check, and the next check catches up", () => {
    const store = openTestStore();
    let broken = true;
    const { logger, lines } = recordingLogger();
    const clock = { now: berlin("2025-05-23T09:00") };
    const scheduler = createReminderScheduler({
      knowledge: realKnowledge(),
      logger,
      now: () => clock.now,
      store: {
        getReminder: (key) => {
          if (broken) throw new Error("database is locked");
          return store.getReminder(key);
        },
        claimReminder: (key, now, outbox) => store.claimReminder(key, now, outbox),
        recordReminder: (key, state, now) => store.recordReminder(key, state, now),
      },
    });
    expect(scheduler.tick()).toEqual({ ok: false, queued: [], skipped: [] });
    expect(lines.find((l) => l.level === 50)?.msg).toBe("reminder check failed; the next check retries");
    broken = false;
    clock.now = berlin("2025-05-23T09:01");
    expect(scheduler.tick().queued).toEqual([SLOT]);
    expect(store.pendingCount()).toBe(1);
  });

  it("refuses to start with a reminder that does not fit the instance's limit", () => {
    expect(() => setup({ limits: { maxCharacters: 200 } })).toThrow(ConfigError);
  });
});

describe("reminder scheduler: start-up and cron", () => {
  it("logs plainly that a past deadline has nothing left to remind of, and queues nothing", () => {
    vi.useFakeTimers({ now: berlin("2025-06-10T12:00") });
    const { store, scheduler, lines, clock } = setup();
    clock.now = berlin("2025-06-10T12:00");
    scheduler.start();
    const message =
      "deadline 26.05.2025 of campaign meta-ai-2025 has passed; no reminders to post; the bot still answers questions";
    expect(lines.filter((l) => l.msg === message)).toHaveLength(1);
    expect(store.pendingCount()).toBe(0);
    expect(store.getReminder("meta-ai-2025:2025-05-27:closing:de")?.state).toBe("skipped");
  });

  it("says what is left when started before or just after the deadline", () => {
    vi.useFakeTimers({ now: berlin("2025-05-20T12:00") });
    const before = setup();
    before.clock.now = berlin("2025-05-20T12:00");
    before.scheduler.start();
    expect(before.lines.map((l) => l.msg)).toContain(
      "campaign meta-ai-2025 (deadline 26.05.2025): 6 reminder posts left, the next at 2025-05-23T09:00+02:00",
    );
    const after = setup();
    after.clock.now = berlin("2025-05-27T08:00");
    after.scheduler.start();
    expect(after.lines.map((l) => l.msg)).toContain(
      "deadline 26.05.2025 of campaign meta-ai-2025 has passed; only the closing post is left, at 2025-05-27T09:00+02:00",
    );
  });

  it("checks at start and then every minute on node-cron, in the campaign's zone", async () => {
    vi.useFakeTimers({ now: berlin("2025-05-23T08:58:30") });
    const queued: string[] = [];
    const { store, scheduler } = setup({ now: () => new Date(), onQueued: (r) => queued.push(r.key) });
    scheduler.start();
    expect(store.getReminder(EARLIER[0]!)?.state).toBe("skipped"); // the tick at start
    await vi.advanceTimersByTimeAsync(60_000); // 08:59:30
    expect(queued).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000); // 09:00:30: the 09:00 run has fired
    expect(queued).toEqual([SLOT]);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(queued).toEqual([SLOT]);
    expect(store.pendingCount()).toBe(1);
  });

  it("prints reminders as they fire in local mode, without queuing posts", () => {
    const printed: string[] = [];
    const sink = createConsoleReminderSink({ write: (s) => printed.push(s) }, "Europe/Berlin");
    const { store, tickAt } = setup({ enqueue: false, onQueued: sink });
    tickAt("2025-05-23T08:00");
    expect(printed).toEqual([]);
    tickAt("2025-05-23T09:00");
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(
      /^--- reminder meta-ai-2025:2025-05-23:countdown:de \(2025-05-23T09:00\+02:00, unlisted\)\nWiderspruch gegen Metas KI-Training\nNoch 3 Tage/,
    );
    expect(store.pendingCount()).toBe(0);
    tickAt("2025-05-23T09:01");
    expect(printed).toHaveLength(1);
  });
});

describe("reminder scheduler: texts stay true for their day", () => {
  it("lets the last evening's reminder expire at midnight even with a long grace period", () => {
    const { store, tickAt } = setup({ graceMs: 9 * HOUR });
    tickAt("2025-05-26T08:59");
    expect(tickAt("2025-05-26T18:00").queued).toContain("meta-ai-2025:2025-05-26:last-day-evening:de");
    const [post] = store.outboxGroup(reminderGroupKey("meta-ai-2025:2025-05-26:last-day-evening:de"));
    expect(post?.deadlineAt.toISOString()).toBe(berlin("2025-05-27T00:00").toISOString());
  });
});
