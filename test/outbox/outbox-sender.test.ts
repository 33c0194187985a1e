import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { USER_AGENT } from "../../src/mastodon/user-agent.js";
import { replyGroupKey } from "../../src/store/outbox-keys.js";
import { createHarness, enqueueMention, type Harness, runUntilIdle } from "./support/sender-harness.js";

let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
});

describe("OutboxSender: sending", () => {
  it("posts a queued reply with its text, in_reply_to_id, visibility, language and Idempotency-Key", async () => {
    const { status, notificationId } = enqueueMention(h, "alice");
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted).toHaveLength(1);
    const posted = h.fake.posted[0];
    expect(posted).toMatchObject({
      text: "@alice Antwort an alice",
      inReplyToId: status.id,
      visibility: "unlisted",
      language: "de",
      idempotencyKey: `${replyGroupKey(notificationId)}:0`,
    });
    const request = h.fake.requestsTo("/api/v1/statuses", "POST")[0];
    expect(request?.headers["user-agent"]).toBe(USER_AGENT);
    const [item] = h.store.outboxGroup(replyGroupKey(notificationId));
    expect(item).toMatchObject({ state: "sent", remoteId: posted?.id });
    expect(h.hooks.sent.map((i) => i.id)).toEqual([item?.id]);
  });

  it("chains the posts of a three-post thread through in_reply_to_id", async () => {
    const { status } = enqueueMention(h, "bob", {
      posts: (s) => [
        { text: "@bob 1/3", language: "en", visibility: "direct", inReplyToId: s.id },
        { text: "@bob 2/3", language: "en", visibility: "direct", inReplyToId: null, chainToPrevious: true },
        { text: "@bob 3/3", language: "en", visibility: "direct", inReplyToId: null, chainToPrevious: true },
      ],
    });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    const [first, second, third] = h.fake.posted;
    expect(h.fake.posted.map((p) => p.text)).toEqual(["@bob 1/3", "@bob 2/3", "@bob 3/3"]);
    expect(first?.inReplyToId).toBe(status.id);
    expect(second?.inReplyToId).toBe(first?.id);
    expect(third?.inReplyToId).toBe(second?.id);
    expect(h.fake.posted.every((p) => p.visibility === "direct" && p.language === "en")).toBe(true);
  });

  it("favourites a status for thanks without posting", async () => {
    const { status, notificationId } = enqueueMention(h, "carol", { text: "Danke!", favourite: true });
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(h.fake.favourites.map((f) => f.statusId)).toEqual([status.id]);
    expect(h.fake.posted).toHaveLength(0);
    expect(h.store.outboxGroup(replyGroupKey(notificationId))[0]).toMatchObject({
      kind: "favourite",
      state: "sent",
      remoteId: status.id,
    });
  });

  it("sends replies in the order of the mentions", async () => {
    for (const name of ["ann", "ben", "cid", "dan"]) enqueueMention(h, name);
    const sender = h.startSender();
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted.map((p) => p.text)).toEqual([
      "@ann Antwort an ann",
      "@ben Antwort an ben",
      "@cid Antwort an cid",
      "@dan Antwort an dan",
    ]);
  });

  it("sleeps when the outbox is empty and wakes on notify()", async () => {
    const sender = h.startSender();
    expect(await sender.whenIdle()).toEqual({ wakeAt: null });
    expect(h.clock.timerCount).toBe(0);

    enqueueMention(h, "erin");
    sender.notify();
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted.map((p) => p.text)).toEqual(["@erin Antwort an erin"]);
  });

  it("sleeps until a future item is due, then sends it", async () => {
    const dueAt = new Date(h.clock.now().getTime() + 30 * 60_000);
    h.store.claimReminder("r1", h.clock.now(), {
      posts: [{ text: "Noch 3 Tage", language: "de", visibility: "public", inReplyToId: null }],
      dueAt,
      deadlineAt: new Date(dueAt.getTime() + 3_600_000),
    });
    const sender = h.startSender();

    expect((await sender.whenIdle()).wakeAt).toEqual(dueAt);
    expect(h.fake.posted).toHaveLength(0);
    const waits = await runUntilIdle(sender, h.clock);

    expect(waits).toEqual([30 * 60_000]);
    expect(h.fake.posted.map((p) => p.text)).toEqual(["Noch 3 Tage"]);
    expect(h.store.getReminder("r1")?.state).toBe("posted");
  });

  it("stop() resolves promptly when idle and start() resumes", async () => {
    const sender = h.startSender();
    await sender.whenIdle();
    await sender.stop();

    enqueueMention(h, "finn");
    sender.notify();
    expect(h.fake.posted).toHaveLength(0);
    sender.start();
    await runUntilIdle(sender, h.clock);
    expect(h.fake.posted).toHaveLength(1);
  });
});
