import { describe, expect, it, vi } from "vitest";
import { listNotificationsVia } from "../../src/mastodon/notification-pages.js";
import { forceGc } from "../support/force-gc.js";
import { RecordingSink } from "./helpers.js";
import { listenerOnFake } from "./listener-on-fake.js";

// masto waits 1 s before every connect: allow a few of them per condition.
const WAIT = { timeout: 10_000, interval: 20 };

const server = listenerOnFake();

// masto's own timeout is left far away: only the listener's deadline may end a hung page.
const createListener = (sink: RecordingSink, timeoutMs: number, streamingUrl: string | null) =>
  server.create(sink, {
    restTimeoutMs: 3_600_000,
    options: (rest) => ({ list: listNotificationsVia(rest, timeoutMs), streamingUrl }),
  });

const notificationPages = () => server.fake.requests.filter((r) => r.path === "/api/v1/notifications");

describe("the listener while a catch-up request hangs", () => {
  it("hands a streamed mention over while the catch-up's page never comes", async () => {
    const sink = new RecordingSink(server.fake.mention("alice", "old").notification!.id);
    server.fake.switches.hang = { "GET /api/v1/notifications": Number.POSITIVE_INFINITY };
    const { listener: l } = await createListener(sink, 3_600_000, server.fake.streamingUrl);
    const started = l.start(); // the start's catch-up hangs
    await vi.waitFor(() => expect(l.status()).toMatchObject({ mode: "streaming", connected: true }), WAIT);
    const { notification } = server.fake.mention("alice", "bis wann?");

    await vi.waitFor(() => expect(sink.handledIds()).toContain(notification!.id), WAIT);
    expect(sink.received.map((r) => r.source)).toEqual(["stream"]);
    expect(notificationPages()[0]?.status).toBe(0); // still unanswered
    expect(l.status().lastCatchUpAt).toBeNull();
    await l.stop(); // shutdown does not wait for the hung page either
    await started;
  });

  it("ends a hung catch-up at its own timeout, also after a garbage collection, and says so", async () => {
    const sink = new RecordingSink(server.fake.mention("alice", "old").notification!.id);
    server.fake.switches.hang = { "GET /api/v1/notifications": 1 };
    const { listener: l } = await createListener(sink, 300, null);
    const started = l.start();
    await vi.waitFor(() => expect(notificationPages()).toHaveLength(1), WAIT);
    forceGc();

    await started;
    expect(l.status().lastCatchUpError).toMatch(/did not answer within 300 ms/);
  });
});
