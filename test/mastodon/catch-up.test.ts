import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundNotification } from "../../src/domain/notification.js";
import { type CatchUpOptions, catchUp } from "../../src/mastodon/catch-up.js";
import { createRestClient } from "../../src/mastodon/create-rest-client.js";
import { type ListNotifications, listNotificationsVia } from "../../src/mastodon/notification-pages.js";
import { compareIds } from "../../src/store/notification-id.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";
import { captureLogger, RecordingSink } from "./helpers.js";

let fake: FakeMastodon;
let clock: Date;
let list: ListNotifications;

beforeEach(async () => {
  clock = new Date("2025-05-20T08:00:00Z");
  fake = await startFakeMastodon({ now: () => clock });
  fake.addAccount({ username: "alice" });
  fake.addAccount({ username: "bob", domain: "remote.example" });
  list = listNotificationsVia(createRestClient({ url: fake.url, accessToken: fake.token, timeoutMs: 5_000 }));
});

afterEach(async () => {
  await fake.close();
});

function run(sink: RecordingSink, extra: Partial<CatchUpOptions> = {}) {
  return catchUp({
    list,
    sink,
    cursor: sink.cursor,
    source: "catch-up",
    since: new Date(clock.getTime() - 2 * 3_600_000),
    now: clock,
    logger: captureLogger().logger,
    ...extra,
  });
}

let fans = 0;

/** `count` mentions, every fifth followed by a favourite and every seventh by a follow; wanted ids. */
function burst(count: number): string[] {
  const wanted: string[] = [];
  for (let i = 0; i < count; i++) {
    const { status, notification } = fake.mention(i % 2 ? "alice" : "bob@remote.example", `question ${i}`);
    wanted.push(notification!.id);
    if (i % 5 === 0) fake.notify("favourite", "alice", status.id);
    if (i % 7 === 0) wanted.push(fake.follow(fake.addAccount({ username: `fan${fans++}` }))!.id);
  }
  return wanted;
}

function ids(sink: RecordingSink): string[] {
  return sink.received.map((r) => r.notification.id);
}

describe("catchUp with a cursor", () => {
  it("pages forward through more than 80 notifications across the id-length boundary, oldest first", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const wanted = burst(100);
    expect(wanted[0]!.length).toBeLessThan(wanted.at(-1)!.length); // ids grow a digit meanwhile
    const sink = new RecordingSink(cursor);
    const result = await run(sink);
    expect(ids(sink)).toEqual(wanted);
    expect(sink.received.every((r) => r.source === "catch-up")).toBe(true);
    expect(sink.maxInFlight).toBe(1);
    expect(result).toMatchObject({ delivered: wanted.length });
    // Each page's wanted notifications are handed over together (one commit), never more than a page.
    expect(sink.handOvers.length).toBeLessThan(wanted.length);
    expect(sink.handOvers.every((ids) => ids.length <= 80)).toBe(true);
    const pages = fake.requestsTo("/api/v1/notifications", "GET");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(
      pages.every((p) => p.query.includes("types[]=mention") && p.query.includes("types[]=follow")),
    ).toBe(true);
    // Pages of 80 forward from the cursor, plus one probe of a single entry below the first page.
    expect(pages.filter((p) => p.query.includes("limit=1&")).map((p) => p.query)).toHaveLength(1);
    expect(pages.filter((p) => p.query.includes("min_id")).every((p) => p.query.includes("limit=80"))).toBe(
      true,
    );
    expect(decodeURIComponent(pages[0]!.query)).toContain(`min_id=${cursor}`);
  });

  it.each([
    { types: true, minId: true, sinceId: true },
    { types: false, minId: true, sinceId: false },
    { types: true, minId: false, sinceId: false },
  ])("gives the same answers when the server ignores %o", async (ignoreParams) => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const wanted = burst(100);
    fake.switches.ignoreParams = ignoreParams;
    const sink = new RecordingSink(cursor);
    await run(sink);
    expect(ids(sink)).toEqual(wanted);
    // Nothing new: the next run hands over nothing and stops quickly.
    const again = new RecordingSink(sink.cursor);
    const result = await run(again);
    expect(again.received).toEqual([]);
    expect(result.requests).toBeLessThanOrEqual(3);
  });

  it("costs one paging request when nothing arrived, three when a mention did (the POLL_INTERVAL budget)", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const idle = await run(new RecordingSink(cursor));
    expect(idle.requests).toBe(1);
    fake.mention("alice", "new question");
    const busy = await run(new RecordingSink(cursor));
    expect(busy).toMatchObject({ delivered: 1, requests: 3 });
    // Every request carries min_id or max_id, so each counts against the paging throttle too.
    const pages = fake.requestsTo("/api/v1/notifications", "GET");
    expect(pages).toHaveLength(4);
    expect(pages.every((p) => /[?&](min|max)_id=/.test(p.query))).toBe(true);
  });

  it("is not fooled by short pages or repeated entries", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const wanted = burst(30);
    const choppy: ListNotifications = async (query) => {
      const page = (await list(query)).slice(0, 4);
      return [...page, ...page.slice(0, 2)];
    };
    const sink = new RecordingSink(cursor);
    await run(sink, { list: choppy });
    expect(ids(sink)).toEqual(wanted);
  });

  it("hands over nothing at or below the cursor and nothing twice", async () => {
    const wanted = burst(10);
    const sink = new RecordingSink(wanted[4]!);
    fake.switches.ignoreParams = { types: true, minId: true, sinceId: true };
    await run(sink);
    expect(ids(sink)).toEqual(wanted.slice(5));
  });

  it("stops at a sink failure, so the cursor stays before the notification not handled", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const wanted = burst(6);
    const sink = new RecordingSink(cursor);
    // As the handler does: the ones before the failure stay stored, it and the rest do not.
    const failing = {
      notifications: async (batch: readonly InboundNotification[], source: "catch-up") => {
        const at = batch.findIndex((n) => n.id === wanted[3]);
        await sink.notifications(at < 0 ? batch : batch.slice(0, at), source);
        if (at >= 0) throw new Error("disk full");
      },
    };
    await expect(run(sink, { sink: failing })).rejects.toThrow("disk full");
    expect(ids(sink)).toEqual(wanted.slice(0, 3));
    await run(sink);
    expect(ids(sink)).toEqual(wanted);
  });

  it("reports the newest id passed over when only unwanted types lie beyond (types[] ignored)", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const { status, notification } = fake.mention("alice", "a question");
    const favourites = [1, 2, 3].map(() => fake.notify("favourite", "bob@remote.example", status.id)!.id);
    fake.switches.ignoreParams = { types: true, minId: false, sinceId: false };
    const skipped: string[] = [];
    const sink = new RecordingSink(cursor);
    await run(sink, { skipTo: (id) => skipped.push(id) });
    expect(ids(sink)).toEqual([notification!.id]);
    expect(skipped).toEqual([favourites[2]]);
  });
});

describe("malformed pages", () => {
  it("passes over entries that are not objects, says so once per page, and is not stuck", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const wanted = burst(5);
    const withJunk: ListNotifications = async (query, signal) => {
      const page = await list(query, signal);
      return page.length === 0 ? page : ([null, ...page, 7, "x", undefined] as never[]);
    };
    const sink = new RecordingSink(cursor);
    const log = captureLogger();
    await run(sink, { list: withJunk, logger: log.logger });
    expect(ids(sink)).toEqual(wanted);
    const warnings = log.lines.filter((l) => l.msg === "catch-up: passed over entries that are not objects");
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.count === 4)).toBe(true);
  });
});

describe("authors without a handle", () => {
  it("does not answer a mention whose author has no acct and no profile URL; says so; moves on", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const { notification } = fake.mention("bob@remote.example", "Frage");
    const anonymous: ListNotifications = async (query, signal) =>
      (await list(query, signal)).map((n) => ({
        ...n,
        account: { id: "5", username: "bob" },
        status: { ...(n.status as object), account: { id: "5", username: "bob" } },
      }));
    const sink = new RecordingSink(cursor);
    const log = captureLogger();
    const skipped: string[] = [];
    await run(sink, { list: anonymous, logger: log.logger, skipTo: (id) => skipped.push(id) });
    expect(sink.received).toEqual([]);
    expect(skipped).toEqual([notification!.id]);
    expect(log.lines.find((l) => l.notificationId === notification!.id)).toMatchObject({
      level: 40,
      type: "mention-without-acct",
    });
  });
});

describe("stopping a catch-up", () => {
  it("stops between pages once aborted, hands over only whole notifications, loses none", async () => {
    const cursor = fake.mention("alice", "already answered").notification!.id;
    const wanted = burst(100);
    const controller = new AbortController();
    let pages = 0;
    const stopAfterFirst: ListNotifications = async (query, signal) => {
      const page = await list(query, signal);
      pages += 1;
      if (pages === 2) controller.abort(); // after the gap probe: the first page is being handed over
      return page;
    };
    const sink = new RecordingSink(cursor);
    const skipped: string[] = [];
    await expect(
      run(sink, { list: stopAfterFirst, signal: controller.signal, skipTo: (id) => skipped.push(id) }),
    ).rejects.toThrow();
    expect(pages).toBe(2);
    expect(ids(sink)).toEqual(wanted.slice(0, ids(sink).length));
    expect(ids(sink).length).toBeLessThan(wanted.length);
    expect(skipped).toEqual([]);
    await run(sink);
    expect(ids(sink)).toEqual(wanted);
  });

  it("aborts the page request in flight", async () => {
    fake.switches.latencyMs = 3_600_000; // a server that never answers, and no client timeout
    const slow = createRestClient({ url: fake.url, accessToken: fake.token, timeoutMs: 3_600_000 });
    const controller = new AbortController();
    const page = listNotificationsVia(slow)({ limit: 80 }, controller.signal);
    controller.abort();
    await expect(page).rejects.toThrow();
  });
});

describe("catchUp on the first start (no cursor)", () => {
  it("answers only what is newer than `since`, oldest first, across several pages", async () => {
    const old = burst(90);
    clock = new Date("2025-05-20T10:30:00Z");
    const recent = burst(95);
    const sink = new RecordingSink(null);
    const skipped: string[] = [];
    await run(sink, { since: new Date("2025-05-20T10:00:00Z"), skipTo: (id) => skipped.push(id) });
    expect(ids(sink)).toEqual(recent);
    expect(ids(sink)).not.toContain(old.at(-1));
    expect(skipped).toEqual([]); // the sink's cursor is already the newest
  });

  it("hands over nothing when all is older, and reports the newest id for the cursor", async () => {
    const old = burst(12);
    fake.notify("favourite", "alice", fake.mention("alice", "x").status.id);
    const newest = [...fake.notifications].sort((a, b) => compareIds(a.id, b.id)).at(-1)!.id;
    fake.switches.ignoreParams = { types: true, minId: true, sinceId: true };
    clock = new Date("2025-05-21T08:00:00Z");
    const sink = new RecordingSink(null);
    const skipped: string[] = [];
    await run(sink, { skipTo: (id) => skipped.push(id) });
    expect(sink.received).toEqual([]);
    expect(old.length).toBeGreaterThan(0);
    expect(skipped).toEqual([newest]);
  });

  it("does nothing on an account without notifications", async () => {
    const sink = new RecordingSink(null);
    const skipped: string[] = [];
    const result = await run(sink, { skipTo: (id) => skipped.push(id) });
    expect(result).toEqual({ delivered: 0, requests: 1, newestId: null });
    expect(skipped).toEqual([]);
  });
});
