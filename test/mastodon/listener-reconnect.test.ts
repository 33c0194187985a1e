import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRestClient } from "../../src/mastodon/create-rest-client.js";
import {
  createNotificationListener,
  type NotificationListener,
} from "../../src/mastodon/notification-listener.js";
import type { ListNotifications } from "../../src/mastodon/notification-pages.js";
import { FakeSessions, offlineListener } from "./fake-sessions.js";
import { type CapturedLogger, captureLogger, cursorOf, RecordingSink } from "./helpers.js";

let sessions: FakeSessions;
let log: CapturedLogger;
let listener: NotificationListener | undefined;
let listCalls: number;
let reconnectHook: number;

const emptyList: ListNotifications = async () => {
  listCalls += 1;
  return [];
};

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2025-05-20T10:00:00Z") });
  sessions = new FakeSessions();
  log = captureLogger();
  listCalls = 0;
  reconnectHook = 0;
});

afterEach(async () => {
  await listener?.stop();
  listener = undefined;
  vi.useRealTimers();
});

function start(random: () => number, extra: { maxConnectFailures?: number } = {}) {
  listener = offlineListener(sessions, {
    list: emptyList,
    logger: log.logger,
    catchUpIntervalMs: 300_000,
    random,
    onReconnect: () => {
      reconnectHook += 1;
    },
    ...extra,
  });
  return listener.start();
}

const settle = () => vi.advanceTimersByTimeAsync(0);

function reconnectLines() {
  return log.lines.filter((l) => l.msg === "streaming: disconnected; reconnecting");
}

/** Ends the current session with `reason` and runs the backoff delay the listener chose. */
async function failAndWait(reason: "failed" | "closed"): Promise<number> {
  const before = sessions.sessions.length;
  sessions.last().end({ reason, message: reason === "failed" ? "connect ECONNREFUSED" : "socket closed" });
  await settle();
  const delay = Number(reconnectLines().at(-1)?.delayMs);
  await vi.advanceTimersByTimeAsync(delay);
  expect(sessions.sessions).toHaveLength(before + 1);
  return delay;
}

describe("reconnect backoff", () => {
  it("doubles up to the cap, resets after a session that delivered an event, and reports every attempt", async () => {
    await start(() => 0.5);
    expect(listener?.status().mode).toBe("connecting");
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) delays.push(await failAndWait("failed"));
    expect(delays).toEqual([50, 100, 200, 400, 500, 500]);
    expect(reconnectLines().map((l) => l.attempt)).toEqual([1, 2, 3, 4, 5, 6]);

    sessions.last().open();
    await settle();
    expect(listener?.status()).toMatchObject({ mode: "streaming", connected: true, reconnects: 6 });
    sessions.last().options.onEvent({ kind: "delete", statusId: "1" });
    delays.push(await failAndWait("closed"));
    delays.push(await failAndWait("failed"));
    expect(delays.slice(6)).toEqual([50, 100]);
    expect(reconnectLines().map((l) => l.attempt)).toEqual([1, 2, 3, 4, 5, 6, 1, 2]);
    expect(listener?.status()).toMatchObject({ connected: false, reconnects: 8 });
    expect(reconnectHook).toBe(8);
  });

  it("resets only after a session that lasted a minute, not one dropped right after connecting", async () => {
    await start(() => 0.5);
    const delays = [await failAndWait("failed"), await failAndWait("failed")];
    sessions.last().open();
    await settle();
    delays.push(await failAndWait("closed")); // dropped at once: the backoff goes on growing
    sessions.last().open();
    await vi.advanceTimersByTimeAsync(60_000);
    delays.push(await failAndWait("closed"));
    expect(delays).toEqual([50, 100, 200, 50]);
  });

  it("a stream that drops right after every connect neither storms reconnects nor catch-ups", async () => {
    await start(() => 0.5);
    const startedAt = Date.now();
    while (Date.now() - startedAt < 5_000) {
      sessions.last().open();
      await settle();
      await failAndWait("closed");
    }
    expect(sessions.sessions.length).toBeLessThanOrEqual(15);
    expect(listCalls).toBe(2); // start, first connect; the later connects wait for a 30 s gap
    sessions.last().open();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(listCalls).toBe(3); // deferred, not dropped: the gaps between the sessions are covered
  });

  it("draws each delay uniformly below the ceiling (full jitter)", async () => {
    const draws = [0.1, 0.9, 0, 0.999];
    await start(() => draws.shift() ?? 0.5);
    const delays = [];
    for (let i = 0; i < 4; i++) delays.push(await failAndWait("failed"));
    expect(delays).toEqual([10, 180, 0, 799]);
  });

  it("polls meanwhile once connecting keeps failing, says so once, and streams again when it connects", async () => {
    await start(() => 0.5, { maxConnectFailures: 3 });
    for (let i = 0; i < 5; i++) await failAndWait("failed");
    expect(listener?.status().mode).toBe("polling");
    expect(
      log.messages().filter((m) => m === "streaming: keeps failing; polling until it connects"),
    ).toHaveLength(1);
    const before = listCalls;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(listCalls).toBe(before + 1);
    sessions.last().open();
    await settle();
    expect(listener?.status()).toMatchObject({ mode: "streaming", connected: true });
  });
});

describe("catch-up triggers", () => {
  it("catches up at start, on every (re)connect, on a slow timer while connected and on the poll timer when not", async () => {
    await start(() => 0.5);
    expect(listCalls).toBe(1); // start
    sessions.last().open();
    await settle();
    expect(listCalls).toBe(2); // connect
    await vi.advanceTimersByTimeAsync(240_000);
    expect(listCalls).toBe(2); // connected and caught up 4 min ago: the poll ticks skip
    await vi.advanceTimersByTimeAsync(60_000);
    expect(listCalls).toBe(3); // 5 min: the periodic catch-up
    sessions.last().options.onEvent({ kind: "delete", statusId: "1" });
    await failAndWait("closed");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(listCalls).toBe(4); // disconnected: every poll tick
    sessions.last().open();
    await settle();
    expect(listCalls).toBe(5); // reconnect
  });
});

describe("fallback when the server refuses", () => {
  it("tries the user stream, then the token in the query, then polls; each step logged once", async () => {
    await start(() => 0.5);
    sessions.last().end({ reason: "refused", status: 401, message: "Unexpected server response: 401" });
    await settle();
    sessions.last().end({ reason: "stream-error", message: "Unknown stream type" });
    await settle();
    sessions.last().end({ reason: "refused", message: "Server sent no subprotocol" });
    await settle();
    sessions.last().end({ reason: "refused", status: 404, message: "Unexpected server response: 404" });
    await settle();
    expect(sessions.sessions.map((s) => s.options.variant)).toEqual([
      { stream: "user:notification", tokenInQuery: false },
      { stream: "user", tokenInQuery: false },
      { stream: "user:notification", tokenInQuery: true },
      { stream: "user", tokenInQuery: true },
    ]);
    expect(log.messages().filter((m) => m === "streaming: refused; trying another form")).toHaveLength(3);
    expect(log.messages().filter((m) => m === "streaming: refused in every form; polling")).toHaveLength(1);
    expect(listener?.status().mode).toBe("polling");

    const before = listCalls;
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(sessions.sessions).toHaveLength(4);
    expect(listCalls).toBe(before + 4);
    expect(log.lines.filter((l) => Number(l.level) >= 40)).toHaveLength(4);
  });

  it("retries, rather than gives up, a form that worked before and is refused later", async () => {
    await start(() => 0.5);
    sessions.last().open();
    await settle();
    sessions.last().end({ reason: "closed", message: "socket closed" });
    await settle();
    await vi.advanceTimersByTimeAsync(50);
    sessions.last().end({ reason: "refused", status: 404, message: "Unexpected server response: 404" });
    await settle();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sessions.sessions.map((s) => s.options.variant.stream)).toEqual([
      "user:notification",
      "user:notification",
      "user:notification",
    ]);
  });

  it("polls from the start when there is no streaming URL", async () => {
    listener = createNotificationListener({
      rest: createRestClient({ url: "http://127.0.0.1:9", accessToken: "t", timeoutMs: 1 }),
      list: emptyList,
      openStream: sessions.open,
      streamingUrl: null,
      accessToken: "t",
      sink: new RecordingSink(),
      cursor: cursorOf(() => null),
      logger: log.logger,
      pollIntervalMs: 30_000,
    });
    await listener.start();
    await vi.advanceTimersByTimeAsync(90_000);
    expect(listCalls).toBe(4);
    expect(sessions.sessions).toHaveLength(0);
    expect(listener.status()).toMatchObject({ mode: "polling", connected: false });
    expect(log.messages()).toContain("streaming: the server advertises none; polling");
  });
});

describe("stop", () => {
  it("does not wait for a catch-up whose server never answers", async () => {
    listener = createNotificationListener({
      rest: createRestClient({ url: "http://127.0.0.1:9", accessToken: "t", timeoutMs: 1 }),
      list: (_query, signal) =>
        new Promise((_resolve, reject) => {
          listCalls += 1;
          signal?.addEventListener("abort", () => reject(signal.reason));
        }),
      openStream: sessions.open,
      streamingUrl: "ws://127.0.0.1:9",
      accessToken: "t",
      sink: new RecordingSink(),
      cursor: cursorOf(() => "100"),
      logger: log.logger,
      pollIntervalMs: 60_000,
    });
    const started = listener.start();
    await settle();
    expect(listCalls).toBe(1);
    let stopped = false;
    void listener.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(stopped).toBe(true);
    await started;
    expect(log.lines.filter((l) => Number(l.level) >= 40).map((l) => l.msg)).toEqual([]);
  });

  it("closes the open session and cancels a pending reconnect", async () => {
    await start(() => 0.5);
    sessions.last().open();
    await settle();
    await listener?.stop();
    expect(sessions.last().closedByListener).toBe(true);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(sessions.sessions).toHaveLength(1);
    expect(listCalls).toBe(2);
  });
});
