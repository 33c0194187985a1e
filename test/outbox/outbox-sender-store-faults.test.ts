import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { replyGroupKey } from "../../src/store/outbox-keys.js";
import type { OutboxItem } from "../../src/store/state-store.js";
import { flakyStore, type StoreFailures } from "./support/flaky-store.js";
import { enqueueMention, type Harness, runUntilIdle, stopNow, useHarness } from "./support/sender-harness.js";

const harness = useHarness();

interface LogLine {
  level: number;
  msg: string;
}

/** A logger whose lines the test can read. */
function captureLogger() {
  const lines: LogLine[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines, errors: () => lines.filter((l) => l.level >= 50).map((l) => l.msg) };
}

/** A harness with ann's and ben's replies queued, the store wrapped to throw as `failures` says. */
async function flakyHarness(failures: StoreFailures): Promise<{ h: Harness; items: () => OutboxItem[] }> {
  const h = await harness({ fake: { switches: { honourIdempotency: false } } });
  const ids = ["ann", "ben"].map((name) => enqueueMention(h, name).notificationId);
  h.store = flakyStore(h.store, failures).store;
  const items = () => ids.flatMap((id) => h.store.outboxGroup(replyGroupKey(id)));
  return { h, items };
}

describe("OutboxSender: a failing state store", () => {
  it("retries recovery at start-up with backoff while the store is locked, then sends everything once", async () => {
    const { h, items } = await flakyHarness({ inFlight: 3 });
    const [ann] = items();
    if (ann === undefined) throw new Error("no item queued");
    // The crashed run had claimed ann's reply: its outcome is unknown.
    h.store.markSending(ann.id, h.clock.now());
    const log = captureLogger();
    const sender = h.startSender({ logger: log.logger });

    await sender.whenIdle();
    expect(sender.status()).toMatchObject({ alive: true, failedRounds: 1, lastRoundAt: null });
    expect(sender.status().lastError).toMatch(/database is locked \(inFlight\)/);
    const waits = await runUntilIdle(sender, h.clock);

    // random() = 0.5: three quarters of 2 s, 4 s, 8 s.
    expect(waits).toEqual([1_500, 3_000, 6_000]);
    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ann Antwort an ann", "@ben Antwort an ben"]);
    expect(items().map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(log.errors()).toEqual(Array(3).fill("An outbox round failed; trying again after a pause."));
    expect(sender.status()).toMatchObject({ alive: true, failedRounds: 0, lastError: null });
    expect(sender.status().lastRoundAt).toEqual(h.clock.now());
  });

  it("records a post whose recording threw, without posting or looking it up again", async () => {
    const { h, items } = await flakyHarness({ markSent: 2 });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ann Antwort an ann", "@ben Antwort an ben"]);
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(2);
    expect(h.fake.requestsTo("/api/v1/statuses", "GET")).toHaveLength(0);
    expect(items().map((i) => [i.state, i.remoteId])).toEqual(h.fake.posted.map((p) => ["sent", p.id]));
    expect(h.hooks.sent.map((i) => i.id)).toEqual(items().map((i) => i.id));
    expect(h.store.inFlight()).toEqual([]);
  });

  it("recovers an item left in sending when recording a retry threw, and posts it once", async () => {
    const { h, items } = await flakyHarness({ reschedule: 1 });
    h.fake.failNext(1, 503, { pathPrefix: "/api/v1/statuses", when: "after" });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    // The 503 came after the post was created: the recovered item is looked up, not resent.
    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ann Antwort an ann", "@ben Antwort an ben"]);
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(2);
    expect(items().map((i) => [i.state, i.remoteId])).toEqual(h.fake.posted.map((p) => ["sent", p.id]));
  });

  it.each<StoreFailures>([
    { expireOverdue: 2 },
    { nextDue: 2 },
    { nextDueAt: 2 },
    { markSending: 2 },
    { inFlight: 1, markSending: 1, markSent: 1, expireOverdue: 1 },
  ])("survives %o and sends each reply exactly once", async (failures) => {
    const { h, items } = await flakyHarness(failures);
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ann Antwort an ann", "@ben Antwort an ben"]);
    expect(items().map((i) => i.state)).toEqual(["sent", "sent"]);
    expect(sender.status().alive).toBe(true);
  });
});

describe("OutboxSender: liveness", () => {
  it("is alive from start() until stop()", async () => {
    const h = await harness();
    const sender = h.startSender();
    expect(sender.status().alive).toBe(true);
    await sender.whenIdle();
    expect(sender.status()).toMatchObject({ alive: true, lastRoundAt: h.clock.now(), lastError: null });

    await stopNow(sender, h.clock);
    expect(sender.status().alive).toBe(false);
  });

  it("reports a loop that died of an unexpected error as not alive, with the error", async () => {
    const h = await harness();
    enqueueMention(h, "ann");
    h.store = flakyStore(h.store, { nextDue: 1 }).store;
    const log = captureLogger();
    // A bug in the retry path itself (here: the jitter source) is the one thing rounds cannot catch.
    const random = () => {
      throw new Error("no randomness");
    };
    const sender = h.startSender({ logger: log.logger, random });
    await sender.whenIdle();

    expect(sender.status().alive).toBe(false);
    expect(sender.status().lastError).toBe("no randomness");
    expect(log.errors()).toContain("The outbox sender stopped after an unexpected error.");
    await stopNow(sender, h.clock);
    expect(sender.status().alive).toBe(false);
  });
});
