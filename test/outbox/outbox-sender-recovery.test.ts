import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreateStatusInput, StatusPoster } from "../../src/outbox/status-poster.js";
import { greetingGroupKey, reminderGroupKey, replyGroupKey } from "../../src/store/outbox-keys.js";
import type { OutboxPost } from "../../src/store/state-store.js";
import { openTestStore, type TestStore } from "../support/test-store.js";
import {
  createHarness,
  enqueueMention,
  type Harness,
  HOUR,
  runUntilIdle,
  twoPostThread,
} from "./support/sender-harness.js";

let dir: string;
let h: Harness | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "outbox-sender-"));
});

afterEach(async () => {
  await h?.close();
  h = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const openStore = (): TestStore => openTestStore(join(dir, "state.sqlite"));

function firstPost(store: TestStore, notificationId: string): OutboxPost {
  const item = store.outboxGroup(replyGroupKey(notificationId))[0];
  if (item?.kind !== "post") throw new Error("no post queued");
  return item;
}

function onlyPost(store: TestStore, groupKey: string): OutboxPost {
  const [item, ...rest] = store.outboxGroup(groupKey);
  if (item?.kind !== "post" || rest.length > 0) throw new Error(`not one post in ${groupKey}`);
  return item;
}

/** Queues a reminder of one top-level post, due now. */
function queueReminder(h: Harness, key: string, text: string): OutboxPost {
  const now = h.clock.now();
  const post = { text, language: "de" as const, visibility: "public" as const, inReplyToId: null };
  h.store.claimReminder(key, now, { posts: [post], dueAt: now, deadlineAt: new Date(now.getTime() + HOUR) });
  return onlyPost(h.store, reminderGroupKey(key));
}

/** Queues the greeting of a new account on the fake, one direct top-level post, due now. */
function queueGreeting(h: Harness, username: string): OutboxPost {
  const account = h.fake.addAccount({ username });
  const now = h.clock.now();
  const post = { text: `@${username} Willkommen!`, language: "de" as const, visibility: "direct" as const };
  h.store.markGreeted(account.id, now, {
    posts: [{ ...post, inReplyToId: null }],
    dueAt: now,
    deadlineAt: new Date(now.getTime() + HOUR),
  });
  return onlyPost(h.store, greetingGroupKey(account.id));
}

/** Sends a queued post outside any sender and records it sent. */
async function sendNow(h: Harness, item: OutboxPost): Promise<void> {
  h.store.markSending(item.id, h.clock.now());
  const created = await h.poster.createStatus(toInput(item));
  h.store.markSent(item.id, created.id, h.clock.now());
}

function toInput(item: OutboxPost): CreateStatusInput {
  return { ...item, inReplyToId: item.inReplyToId };
}

describe("OutboxSender: unknown outcomes at start-up", () => {
  it("finds a post the crashed run had created and records it without posting again", async () => {
    const first = openStore();
    h = await createHarness({ store: first, fake: { switches: { honourIdempotency: false } } });
    const { status, notificationId } = enqueueMention(h, "ann");
    // The crashed run: claimed, sent (the server created it), died before recording.
    const item = firstPost(first, notificationId);
    first.markSending(item.id, h.clock.now());
    const created = await h.poster.createStatus(toInput(item));
    first.close();

    const reopened = openStore();
    h.store = reopened;
    const sender = h.startSender({ store: reopened });
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted).toHaveLength(1);
    expect(h.fake.requestsTo(`/api/v1/statuses/${status.id}/context`, "GET")).toHaveLength(1);
    expect(firstPost(reopened, notificationId)).toMatchObject({ state: "sent", remoteId: created.id });
  });

  it("sends a post the crashed run had claimed but not sent, once, with its Idempotency-Key", async () => {
    const first = openStore();
    h = await createHarness({ store: first, fake: { switches: { honourIdempotency: false } } });
    const { notificationId } = enqueueMention(h, "ann");
    first.markSending(firstPost(first, notificationId).id, h.clock.now());
    first.close();

    const reopened = openStore();
    h.store = reopened;
    const sender = h.startSender({ store: reopened });
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted.map((p) => p.idempotencyKey)).toEqual([`reply:${notificationId}:0`]);
    expect(firstPost(reopened, notificationId).state).toBe("sent");
  });

  it("finds the second post of a thread in the first post's context", async () => {
    h = await createHarness({ fake: { switches: { honourIdempotency: false } } });
    const { notificationId } = enqueueMention(h, "ann", {
      posts: twoPostThread("ann"),
    });
    const fake = h.fake;
    const failAfterCreate = () => fake.failNext(1, 504, { pathPrefix: "/api/v1/statuses", when: "after" });
    failAfterCreate();
    // Once post 1 is recorded, the next request (post 2's creation) gets the same treatment.
    const sender = h.startSender({ hooks: { onSent: (item) => item.position === 0 && failAfterCreate() } });
    await runUntilIdle(sender, h.clock);

    expect(h.fake.posted.map((p) => p.text)).toEqual(["@ann 1/2", "@ann 2/2"]);
    const [one, two] = h.store.outboxGroup(replyGroupKey(notificationId));
    expect(two).toMatchObject({ state: "sent", remoteId: h.fake.posted[1]?.id });
    expect(h.fake.posted[1]?.inReplyToId).toBe(one?.remoteId);
    expect(h.fake.requestsTo(`/api/v1/statuses/${one?.remoteId}/context`, "GET")).toHaveLength(1);
    expect(h.fake.requestsTo("/api/v1/statuses", "POST")).toHaveLength(2);
  });
});

describe("OutboxSender: unknown outcomes of top-level posts", () => {
  it("finds a reminder the crashed run had created among the bot's statuses and does not post it again", async () => {
    const first = openStore();
    h = await createHarness({ store: first, fake: { switches: { honourIdempotency: false } } });
    const item = queueReminder(h, "r1", "Noch 3 Tage bis zum Stichtag #OptOut");
    first.markSending(item.id, h.clock.now());
    const created = await h.poster.createStatus(toInput(item));
    first.close();

    h.clock.advance(10 * 60_000);
    const reopened = openStore();
    h.store = reopened;
    await runUntilIdle(h.startSender({ store: reopened }), h.clock);

    expect(h.fake.posted).toHaveLength(1);
    expect(h.fake.requestsTo(`/api/v1/accounts/${h.fake.bot.id}/statuses`, "GET")).toHaveLength(1);
    expect(onlyPost(reopened, reminderGroupKey("r1"))).toMatchObject({ state: "sent", remoteId: created.id });
    expect(reopened.getReminder("r1")?.state).toBe("posted");
  });

  it("still sends a top-level post when only an older post or one to someone else has its words", async () => {
    h = await createHarness({ fake: { switches: { honourIdempotency: false } } });
    await sendNow(h, queueReminder(h, "yesterday", "Noch 3 Tage #OptOut"));
    h.clock.advance(24 * HOUR);
    await sendNow(h, queueGreeting(h, "bob"));
    // Claimed by a run that died before its requests reached the server.
    const reminder = queueReminder(h, "today", "Noch 3 Tage #OptOut");
    const greeting = queueGreeting(h, "ann");
    h.store.markSending(reminder.id, h.clock.now());
    h.store.markSending(greeting.id, h.clock.now());

    await runUntilIdle(h.startSender(), h.clock);

    const resent = h.fake.posted.slice(2).map((p) => p.idempotencyKey);
    expect(resent.sort()).toEqual([greeting.idempotencyKey, reminder.idempotencyKey].sort());
  });
});

describe("OutboxSender: stop()", () => {
  it("aborts a hanging request after the stop timeout and keeps the item to look up on restart", async () => {
    h = await createHarness({ fake: { switches: { honourIdempotency: false } } });
    const { notificationId } = enqueueMention(h, "ann");
    const harness = h;
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    // The server creates the post, then never answers within the stop timeout.
    const hanging: StatusPoster = {
      createStatus: async (input, signal) => {
        await harness.poster.createStatus(input);
        started();
        return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
      },
      favourite: (id, signal) => harness.poster.favourite(id, signal),
      findOwnPost: (input, signal) => harness.poster.findOwnPost(input, signal),
    };
    const sender = h.startSender({ poster: hanging, stopTimeoutMs: 5_000 });
    await inFlight;

    const stopped = sender.stop();
    h.clock.advance(5_000);
    await stopped;
    expect(firstPost(h.store, notificationId)).toMatchObject({ state: "pending", attempts: 1 });

    const restarted = h.startSender();
    await runUntilIdle(restarted, h.clock);
    expect(h.fake.posted).toHaveLength(1);
    expect(firstPost(h.store, notificationId).state).toBe("sent");
  });

  it("gives up on a request that ignores the abort, leaving the item in flight for the next start", async () => {
    h = await createHarness();
    const { notificationId } = enqueueMention(h, "ann");
    const harness = h;
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const deaf: StatusPoster = {
      createStatus: () => {
        started();
        return new Promise(() => {});
      },
      favourite: (id, signal) => harness.poster.favourite(id, signal),
      findOwnPost: (input, signal) => harness.poster.findOwnPost(input, signal),
    };
    const sender = h.startSender({ poster: deaf, stopTimeoutMs: 5_000 });
    await inFlight;

    const stopped = sender.stop();
    h.clock.advance(6_000);
    await stopped;
    expect(h.store.inFlight().map((i) => i.id)).toEqual([firstPost(h.store, notificationId).id]);

    const restarted = h.startSender();
    await runUntilIdle(restarted, h.clock);
    expect(h.fake.posted).toHaveLength(1);
    expect(firstPost(h.store, notificationId).state).toBe("sent");
  });
});
