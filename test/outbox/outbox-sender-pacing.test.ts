import { describe, expect, it } from "vitest";
import { enqueueMention, HOUR, MINUTE, runUntilIdle, useHarness } from "./support/sender-harness.js";

const harness = useHarness();

describe("OutboxSender: pacing by the rate-limit headers", () => {
  it("sends at once while plenty is left, then spreads the rest of the budget until the reset", async () => {
    // 10 per minute; spacing starts at 5 left (lowShare 0.5). The window resets at 10:01.
    const h = await harness({ fake: { limits: { statuses: { limit: 10, windowMs: MINUTE } } } });
    for (let i = 0; i < 8; i++) enqueueMention(h, `user${i}`);
    const sender = h.startSender({ pacing: { lowShare: 0.5 } });
    const waits = await runUntilIdle(sender, h.clock);

    // After post 5 (5 left, 60 s to go): 60/6 = 10 s; post 6 (4 left, 50 s): 50/5; post 7: 40/4.
    expect(waits).toEqual([10_000, 10_000, 10_000]);
    const start = Date.parse("2025-05-20T10:00:00.000Z");
    const sentAfter = h.fake.posted.map((p) => (p.createdAt.getTime() - start) / 1000);
    expect(sentAfter).toEqual([0, 0, 0, 0, 0, 10, 20, 30]);
    expect(h.hooks.apiErrors).toEqual([]);
    expect(h.hooks.rateLimits.map((r) => r.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it("waits for the reset when a response says nothing is left, so no 429 is provoked", async () => {
    const h = await harness({ fake: { limits: { statuses: { limit: 3, windowMs: MINUTE } } } });
    for (let i = 0; i < 5; i++) enqueueMention(h, `user${i}`);
    const sender = h.startSender({ pacing: { lowShare: 0 } });
    const waits = await runUntilIdle(sender, h.clock);

    // lowShare 0 still spaces the last request: 2 left → none; 1 left → 60/2 = 30 s; 0 left → the
    // reset at 10:01; then a fresh window.
    expect(waits).toEqual([30_000, 30_000]);
    const start = Date.parse("2025-05-20T10:00:00.000Z");
    expect(h.fake.posted.map((p) => (p.createdAt.getTime() - start) / 1000)).toEqual([0, 0, 30, 60, 60]);
    expect(h.fake.posted).toHaveLength(5);
    expect(h.hooks.apiErrors).toEqual([]);
  });

  it("uses each short window fully: no spreading when the reset is seconds away", async () => {
    // 5 statuses per second (fixed 1 s windows) beside the usual budget: 12 posts take 3 windows.
    const h = await harness({
      fake: { limits: { statuses: { limit: 300, windowMs: 3 * HOUR }, statusesPerSecond: 5 } },
    });
    for (let i = 0; i < 12; i++) enqueueMention(h, `user${i}`);
    const sender = h.startSender();
    const waits = await runUntilIdle(sender, h.clock);

    expect(waits).toEqual([1_000, 1_000]);
    const start = Date.parse("2025-05-20T10:00:00.000Z");
    const sentAfter = h.fake.posted.map((p) => (p.createdAt.getTime() - start) / 1000);
    expect(sentAfter).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]);
    expect(h.hooks.apiErrors).toEqual([]);
  });

  it("paces favourites by their own headers, apart from the statuses budget", async () => {
    const h = await harness({ fake: { limits: { statuses: { limit: 1, windowMs: MINUTE } } } });
    enqueueMention(h, "ann");
    enqueueMention(h, "ben");
    for (let i = 0; i < 3; i++) enqueueMention(h, `fan${i}`, { text: "danke", favourite: true });
    const sender = h.startSender();
    const { wakeAt } = await sender.whenIdle();

    expect(wakeAt?.toISOString()).toBe("2025-05-20T10:01:00.000Z");
    expect(h.fake.posted).toHaveLength(1);
    expect(h.fake.favourites).toHaveLength(3);
  });
});
