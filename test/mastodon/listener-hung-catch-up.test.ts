import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRestClient } from "../../src/mastodon/create-rest-client.js";
import {
  createNotificationListener,
  type NotificationListener,
} from "../../src/mastodon/notification-listener.js";
import { listNotificationsVia } from "../../src/mastodon/notification-pages.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";
import { forceGc } from "../support/force-gc.js";
import { captureLogger, cursorOf, RecordingSink } from "./helpers.js";

// masto waits 1 s before every connect: allow a few of them per condition.
const WAIT = { timeout: 10_000, interval: 20 };

let fake: FakeMastodon;
let listener: NotificationListener | undefined;

beforeEach(async () => {
  fake = await startFakeMastodon();
  fake.addAccount({ username: "alice" });
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

afterEach(async () => {
  await listener?.stop();
  listener = undefined;
  await fake.close();
  vi.restoreAllMocks();
});

function createListener(sink: RecordingSink, timeoutMs: number, streamingUrl: string | null) {
  const log = captureLogger();
  // masto's own timeout is left far away: only the listener's deadline may end a hung page.
  const rest = createRestClient({ url: fake.url, accessToken: fake.token, timeoutMs: 3_600_000 });
  listener = createNotificationListener({
    rest,
    list: listNotificationsVia(rest, timeoutMs),
    streamingUrl,
    accessToken: fake.token,
    sink,
    cursor: cursorOf(() => sink.cursor),
    logger: log.logger,
    pollIntervalMs: 3_600_000,
    backoff: { baseMs: 20, maxMs: 200 },
  });
  return { log, listener };
}

const notificationPages = () => fake.requests.filter((r) => r.path === "/api/v1/notifications");

describe("the listener while a catch-up request hangs", () => {
  it("hands a streamed mention over while the catch-up's page never comes", async () => {
    const sink = new RecordingSink(fake.mention("alice", "old").notification!.id);
    fake.switches.hang = { "GET /api/v1/notifications": Number.POSITIVE_INFINITY };
    const { listener: l } = createListener(sink, 3_600_000, fake.streamingUrl);
    const started = l.start(); // the start's catch-up hangs
    await vi.waitFor(() => expect(l.status()).toMatchObject({ mode: "streaming", connected: true }), WAIT);
    const { notification } = fake.mention("alice", "bis wann?");

    await vi.waitFor(() => expect(sink.handledIds()).toContain(notification!.id), WAIT);
    expect(sink.received.map((r) => r.source)).toEqual(["stream"]);
    expect(notificationPages()[0]?.status).toBe(0); // still unanswered
    expect(l.status().lastCatchUpAt).toBeNull();
    await l.stop(); // shutdown does not wait for the hung page either
    await started;
  });

  it("ends a hung catch-up at its own timeout, also after a garbage collection, and says so", async () => {
    const sink = new RecordingSink(fake.mention("alice", "old").notification!.id);
    fake.switches.hang = { "GET /api/v1/notifications": 1 };
    const { listener: l } = createListener(sink, 300, null);
    const started = l.start();
    await vi.waitFor(() => expect(notificationPages()).toHaveLength(1), WAIT);
    forceGc();

    await started;
    expect(l.status().lastCatchUpError).toMatch(/did not answer within 300 ms/);
  });
});
