import { describe, expect, it } from "vitest";
import {
  createHarness,
  enqueueMention,
  itemOf,
  MINUTE,
  postedKeys,
  runUntilIdle,
  useHarness,
} from "./support/sender-harness.js";

const harness = useHarness();

describe("OutboxSender: 429", () => {
  it("waits for the reset after each 429 of a storm, then sends everything once, in order", async () => {
    const h = await harness({ fake: { faultResetMs: 5_000 } });
    for (const name of ["ann", "ben", "cid"]) enqueueMention(h, name);
    h.fake.failNext(3, 429, { pathPrefix: "/api/v1/statuses" });
    const sender = h.startSender();
    const waits = await runUntilIdle(sender, h.clock);

    expect(waits).toEqual([5_000, 5_000, 5_000]);
    expect(h.fake.posted.map((p) => p.text)).toEqual([
      "@ann Antwort an ann",
      "@ben Antwort an ben",
      "@cid Antwort an cid",
    ]);
    expect(new Set(postedKeys(h.fake)).size).toBe(3);
    expect(h.hooks.apiErrors).toEqual([429, 429, 429]);
    // A 429 is no unknown outcome: nothing was looked up.
    expect(h.fake.requestsTo("/api/v1/statuses", "GET")).toHaveLength(0);
  });

  it("waits for the posting budget's reset when others spent it, without polling meanwhile", async () => {
    const h = await harness({ fake: { limits: { statuses: { limit: 2, windowMs: 10 * MINUTE } } } });
    for (const text of ["one", "two"]) await h.client.v1.statuses.create({ status: text });
    enqueueMention(h, "ann");
    enqueueMention(h, "ben");
    const sender = h.startSender();

    const { wakeAt } = await sender.whenIdle();
    expect(wakeAt?.toISOString()).toBe("2025-05-20T10:10:00.000Z");
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(3); // 2 by others + 1 refused
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted.map((p) => p.text).slice(2)).toEqual(["@ann Antwort an ann", "@ben Antwort an ben"]);
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(5);
  });

  it("still sends favourites while the statuses budget is spent", async () => {
    const h = await harness({ fake: { limits: { statuses: { limit: 1, windowMs: 10 * MINUTE } } } });
    await h.client.v1.statuses.create({ status: "spent" });
    enqueueMention(h, "ann");
    const { status } = enqueueMention(h, "ben", { text: "danke", favourite: true });
    const sender = h.startSender();

    const { wakeAt } = await sender.whenIdle();
    expect(wakeAt?.toISOString()).toBe("2025-05-20T10:10:00.000Z");
    expect(h.fake.favourites.map((f) => f.statusId)).toEqual([status.id]);
    expect(h.fake.posted).toHaveLength(1);
  });
});

describe("OutboxSender: 5xx and network errors", () => {
  it("retries a 500 storm with capped exponential backoff, then sends each reply once", async () => {
    const h = await harness({ sender: { backoff: { baseMs: 1_000, maxMs: 4_000 } } });
    for (const name of ["ann", "ben"]) enqueueMention(h, name);
    h.fake.failNext(4, 500, { pathPrefix: "/api/v1/statuses" });
    const sender = h.startSender();
    const waits = await runUntilIdle(sender, h.clock);

    // random() = 0.5: three quarters of 1 s, 2 s, 4 s, 4 s (capped).
    expect(waits).toEqual([750, 1_500, 3_000, 3_000]);
    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ann Antwort an ann", "@ben Antwort an ben"]);
    expect(h.hooks.apiErrors).toEqual([500, 500, 500, 500]);
  });

  it("looks up a post whose creation answered 503 and does not post it twice", async () => {
    const h = await harness({ fake: { switches: { honourIdempotency: false } } });
    const { status, notificationId } = enqueueMention(h, "ann");
    h.fake.failNext(1, 503, { pathPrefix: "/api/v1/statuses", when: "after" });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted).toHaveLength(1);
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(1);
    expect(h.fake.requestsTo(`/api/v1/statuses/${status.id}/context`, "GET")).toHaveLength(1);
    expect(itemOf(h, notificationId)).toMatchObject({ state: "sent", remoteId: h.fake.posted[0]?.id });
    expect(h.hooks.sent).toHaveLength(1);
  });

  it("resends with the same Idempotency-Key when the lookup finds nothing", async () => {
    const h = await harness({ fake: { switches: { honourIdempotency: false } } });
    const { notificationId } = enqueueMention(h, "ann");
    h.fake.failNext(1, 502, { pathPrefix: "/api/v1/statuses", when: "before" });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    const keys = h.fake.requestsTo("/api/v1/statuses", "POST").map((r) => r.headers["idempotency-key"]);
    expect(keys).toEqual([`reply:${notificationId}:0`, `reply:${notificationId}:0`]);
    expect(h.fake.posted).toHaveLength(1);
  });

  it("treats a refused connection as a network error and keeps the item for a retry", async () => {
    const h = await harness();
    const { notificationId } = enqueueMention(h, "ann");
    const broken = await createHarness();
    await broken.close(); // its port now refuses connections
    const sender = h.startSender({ poster: broken.poster });
    const { wakeAt } = await sender.whenIdle();

    expect(h.hooks.apiErrors).toEqual(["network"]);
    expect(wakeAt?.getTime()).toBe(h.clock.now().getTime() + 1_500);
    expect(itemOf(h, notificationId)).toMatchObject({ state: "pending", attempts: 1 });
    expect(itemOf(h, notificationId)?.lastError).toMatch(/without an HTTP answer.*fetch failed/);
  });
});
