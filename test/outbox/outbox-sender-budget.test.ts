import { describe, expect, it } from "vitest";
import { enqueueMention, HOUR, MINUTE, runUntilIdle, T0, useHarness } from "./support/sender-harness.js";

const harness = useHarness();

/** Minutes after T0 at which each post went out, and whom it answered (`@name`, or the reminder). */
function timeline(h: Awaited<ReturnType<typeof harness>>): string[] {
  return h.fake.posted.map(
    (p) => `${(p.createdAt.getTime() - T0.getTime()) / MINUTE} ${p.text.split(" ")[0]}`,
  );
}

describe("OutboxSender: the posting budget", () => {
  it("sends at most REPLIES_PER_HOUR replies in a rolling hour; reminders still go", async () => {
    const h = await harness();
    for (let i = 0; i < 4; i++) enqueueMention(h, `user${i}`);
    h.store.claimReminder("c1:morning", T0, {
      posts: [{ text: "Reminder", language: "de", visibility: "public", inReplyToId: null }],
      dueAt: T0,
      deadlineAt: new Date(T0.getTime() + 3 * HOUR),
    });
    const sender = h.startSender({ budget: { repliesPerHour: 3, reserveShare: 0 } });
    const waits = await runUntilIdle(sender, h.clock);

    expect(waits).toEqual([HOUR]);
    expect(timeline(h)).toEqual(["0 @user0", "0 @user1", "0 @user2", "0 Reminder", "60 @user3"]);
  });

  it("keeps the cap's last share for first replies: a newcomer goes at once, the flood waits", async () => {
    const h = await harness();
    // Three accounts with three mentions each: ranks 0, 1, 2 (as the handler counts them).
    for (let rank = 0; rank < 3; rank++) {
      for (const name of ["f0", "f1", "f2"]) enqueueMention(h, name, { accountRank: rank });
    }
    const sender = h.startSender({ budget: { repliesPerHour: 6, reserveShare: 0.5 } });
    const { wakeAt } = await sender.whenIdle();

    // The first replies, then only as many second ones as the open half of the cap allows.
    expect(timeline(h)).toEqual(["0 @f0", "0 @f1", "0 @f2"]);
    expect(wakeAt).toEqual(new Date(T0.getTime() + HOUR));

    h.clock.advance(MINUTE);
    enqueueMention(h, "newcomer");
    sender.notify();
    await sender.whenIdle();
    expect(timeline(h).at(-1)).toBe("1 @newcomer");
    expect(h.fake.posted).toHaveLength(4);
  });

  it("keeps the server window's last share for first replies until its reset", async () => {
    const h = await harness({ fake: { limits: { statuses: { limit: 10, windowMs: 3 * HOUR } } } });
    for (let i = 0; i < 10; i++) enqueueMention(h, `f${i}`, { accountRank: 1 });
    const sender = h.startSender({ budget: { reserveShare: 0.3 }, pacing: { lowShare: 0 } });
    const { wakeAt } = await sender.whenIdle();

    // 7 sent leaves 3 of 10: the reserve, until the fixed 3-hour window resets at 12:00 UTC.
    expect(h.fake.posted).toHaveLength(7);
    expect(wakeAt).toEqual(new Date("2025-05-20T12:00:00.000Z"));

    enqueueMention(h, "newcomer");
    sender.notify();
    await sender.whenIdle();
    expect(timeline(h).at(-1)).toBe("0 @newcomer");
    expect(h.fake.posted).toHaveLength(8);
  });

  it("while mentions are being taken in, sends first replies and holds follow-ups until that ends", async () => {
    const h = await harness();
    enqueueMention(h, "f0", { accountRank: 0 });
    enqueueMention(h, "f0", { accountRank: 1 });
    enqueueMention(h, "f1", { accountRank: 0 });
    let receiving = true;
    const sender = h.startSender({ receiving: () => receiving });
    const { wakeAt } = await sender.whenIdle();
    // Another account's first question may still be on its way in: the follow-up waits.
    expect(timeline(h)).toEqual(["0 @f0", "0 @f1"]);
    expect(wakeAt).not.toBeNull();

    receiving = false;
    sender.notify();
    await sender.whenIdle();
    expect(timeline(h)).toEqual(["0 @f0", "0 @f1", "0 @f0"]);
  });
});
