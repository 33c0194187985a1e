import { describe, expect, it } from "vitest";
import { ClientError } from "../../src/outbox/errors.js";
import {
  enqueueMention,
  HOUR,
  itemOf,
  MINUTE,
  runUntilIdle,
  twoPostThread,
  useHarness,
} from "./support/sender-harness.js";

const harness = useHarness();

describe("OutboxSender: refused requests", () => {
  it("records a 422 with the server's message and goes on with the next reply", async () => {
    const h = await harness();
    const tooLong = enqueueMention(h, "ann", {
      posts: (s) => [{ text: "x".repeat(600), language: "de", visibility: "unlisted", inReplyToId: s.id }],
    });
    enqueueMention(h, "ben");
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(itemOf(h, tooLong.notificationId)).toMatchObject({
      state: "failed",
      lastError: "422 Validation failed: Text character limit of 500 exceeded",
    });
    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ben Antwort an ben"]);
    expect(h.hooks.failed.map((f) => f.error)).toEqual([expect.any(ClientError)]);
    expect(h.hooks.apiErrors).toEqual([422]);
  });

  it("records a 403 as failed and cancels the rest of its thread", async () => {
    const h = await harness();
    const thread = enqueueMention(h, "ann", {
      posts: twoPostThread("ann"),
    });
    enqueueMention(h, "ben");
    h.fake.failNext(1, 403, {
      pathPrefix: "/api/v1/statuses",
      message: "This action is outside the authorized scopes",
    });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(itemOf(h, thread.notificationId)).toMatchObject({
      state: "failed",
      lastError: "403 This action is outside the authorized scopes",
    });
    expect(itemOf(h, thread.notificationId, 1)?.state).toBe("cancelled");
    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ben Antwort an ben"]);
  });

  it("fails a reply whose mention was deleted (404) with a clear reason", async () => {
    const h = await harness();
    const gone = enqueueMention(h, "ann");
    h.fake.deleteStatus(gone.status.id);
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(itemOf(h, gone.notificationId)?.state).toBe("failed");
    expect(itemOf(h, gone.notificationId)?.lastError).toBe(
      "the status to reply to was deleted or is not visible (404 Record not found)",
    );
    expect(h.fake.posted).toHaveLength(0);
  });

  it("fails a favourite of a deleted status (404)", async () => {
    const h = await harness();
    const gone = enqueueMention(h, "ann", { text: "danke", favourite: true });
    h.fake.deleteStatus(gone.status.id);
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(itemOf(h, gone.notificationId)?.lastError).toMatch(/^the status to favourite was deleted/);
    expect(h.fake.favourites).toHaveLength(0);
  });

  it("retries a 401 instead of failing the whole queue, and says to check the token", async () => {
    const h = await harness();
    const { notificationId } = enqueueMention(h, "ann");
    h.fake.failNext(1, 401, { pathPrefix: "/api/v1/statuses", message: "The access token is invalid" });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(itemOf(h, notificationId)?.state).toBe("sent");
    expect(h.fake.posted).toHaveLength(1);
    expect(h.hooks.failed).toHaveLength(0);
  });
});

describe("OutboxSender: expiry", () => {
  it("expires replies whose deadline passed before they could go, and counts them once", async () => {
    const h = await harness();
    const late = [enqueueMention(h, "ann"), enqueueMention(h, "ben")];
    h.clock.advance(2 * HOUR + MINUTE);
    const fresh = enqueueMention(h, "cid");
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(late.map((m) => itemOf(h, m.notificationId)?.state)).toEqual(["expired", "expired"]);
    expect(itemOf(h, fresh.notificationId)?.state).toBe("sent");
    expect(h.hooks.expired).toEqual([2]);
  });

  it("expires at once the replies that could only go out after the budget resets past their deadline", async () => {
    // Budget 1 per 3 h, windows at 09:00 and 12:00 UTC; spent by others; deadlines 1 h ahead (11:00).
    const h = await harness({ fake: { limits: { statuses: { limit: 1, windowMs: 3 * HOUR } } } });
    await h.client.v1.statuses.create({ status: "spent" });
    const first = enqueueMention(h, "ann", { maxDelayMs: HOUR });
    const second = enqueueMention(h, "ben", { maxDelayMs: HOUR });
    const sender = h.startSender();
    const { wakeAt } = await sender.whenIdle();

    expect(wakeAt).toBeNull();
    expect(itemOf(h, first.notificationId)?.state).toBe("expired");
    expect(itemOf(h, second.notificationId)?.state).toBe("expired");
    expect(h.hooks.expired.reduce((a, b) => a + b, 0)).toBe(2);
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(2); // "spent" + one 429

    // A mention arriving while the budget is still spent expires too, without another request.
    const third = enqueueMention(h, "cid", { maxDelayMs: HOUR });
    sender.notify();
    await sender.whenIdle();
    expect(itemOf(h, third.notificationId)?.state).toBe("expired");
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(2);
  });

  it("keeps replies whose deadline lies after the reset, and sends them then", async () => {
    const h = await harness({ fake: { limits: { statuses: { limit: 1, windowMs: 3 * HOUR } } } });
    await h.client.v1.statuses.create({ status: "spent" });
    const kept = enqueueMention(h, "ann", { maxDelayMs: 3 * HOUR });
    const sender = h.startSender();
    const waits = await runUntilIdle(sender, h.clock);

    expect(waits).toEqual([2 * HOUR]);
    expect(itemOf(h, kept.notificationId)?.state).toBe("sent");
  });
});
