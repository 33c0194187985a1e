import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CreateStatusInput, StatusPoster } from "../../src/outbox/status-poster.js";
import { replyGroupKey } from "../../src/store/outbox-keys.js";
import type { OutboxPost } from "../../src/store/state-store.js";
import { openTestStore, type TestStore } from "../support/test-store.js";
import {
  createHarness,
  enqueueMention,
  type Harness,
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
      findOwnReply: (input, signal) => harness.poster.findOwnReply(input, signal),
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
      findOwnReply: (input, signal) => harness.poster.findOwnReply(input, signal),
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
