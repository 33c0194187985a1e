/** Which streaming URL the listener uses, and how it comes back to streaming (issue 12, items 1 and 7). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type {
  NotificationListener,
  NotificationListenerOptions,
} from "../../src/mastodon/notification-listener.js";
import { FakeSessions, offlineListener } from "./fake-sessions.js";
import { type CapturedLogger, captureLogger } from "./helpers.js";

let sessions: FakeSessions;
let log: CapturedLogger;
let listener: NotificationListener | undefined;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2025-05-20T10:00:00Z") });
  sessions = new FakeSessions();
  log = captureLogger();
});

afterEach(async () => {
  await listener?.stop();
  listener = undefined;
  vi.useRealTimers();
});

function start(extra: Partial<NotificationListenerOptions> = {}) {
  listener = offlineListener(sessions, { logger: log.logger, ...extra });
  return listener.start();
}

const settle = () => vi.advanceTimersByTimeAsync(0);
const urls = () => sessions.sessions.map((s) => s.options.streamingUrl);
const streams = () => sessions.sessions.map((s) => s.options.variant.stream);

describe("a wrong advertised streaming URL", () => {
  it("tries MASTODON_URL's own origin at once, says which URL streams, and reconnects there", async () => {
    await start({ streamingUrl: "wss://127.0.0.1:9", serverUrl: "http://127.0.0.1:9" });
    sessions.last().end({ reason: "failed", message: "SSL routines::wrong version number" });
    await settle();
    expect(urls()).toEqual(["wss://127.0.0.1:9", "ws://127.0.0.1:9"]);
    sessions.last().open();
    await settle();
    expect(listener?.status()).toMatchObject({
      mode: "streaming",
      connected: true,
      streamingUrl: "ws://127.0.0.1:9",
    });
    expect(log.lines.find((l) => l.msg === "streaming: connected")).toMatchObject({
      url: "ws://127.0.0.1:9",
      advertised: "wss://127.0.0.1:9",
    });
    // Remembered: a drop and a failed reconnect both come back to the URL that worked.
    sessions.last().end({ reason: "closed", message: "socket closed" });
    await vi.advanceTimersByTimeAsync(1_000);
    sessions.last().end({ reason: "failed", message: "connect ECONNREFUSED" });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(urls().slice(2)).toEqual(["ws://127.0.0.1:9", "ws://127.0.0.1:9"]);
  });
});

describe("error frames", () => {
  it("do not demote a form that delivered events, however many come", async () => {
    await start();
    sessions.last().open();
    await settle();
    sessions.last().options.onEvent({ kind: "delete", statusId: "1" });
    for (let i = 0; i < 6; i++) {
      sessions.last().end({ reason: "stream-error", message: "Internal error" });
      await vi.advanceTimersByTimeAsync(1_000);
      sessions.last().open();
      await settle();
    }
    expect(streams()).toEqual(Array(7).fill("user:notification"));
    expect(listener?.status()).toMatchObject({ mode: "streaming", connected: true });
    expect(log.messages()).not.toContain("streaming: refused in every form; polling");
  });

  it("poll meanwhile when they keep coming, and streaming resumes on the next good connect", async () => {
    await start({ maxConnectFailures: 3 });
    sessions.last().open();
    await settle();
    sessions.last().options.onEvent({ kind: "delete", statusId: "1" });
    for (let i = 0; i < 3; i++) {
      sessions.last().end({ reason: "stream-error", message: "Internal error" });
      await vi.advanceTimersByTimeAsync(1_000);
      if (i < 2) sessions.last().open();
      await settle();
    }
    expect(listener?.status().mode).toBe("polling");
    sessions.last().open();
    await settle();
    expect(listener?.status()).toMatchObject({ mode: "streaming", connected: true });
  });
});

describe("while polling because every form was refused", () => {
  it("retries streaming after the retry interval, quietly, and returns to it when it connects", async () => {
    await start({ streamRetryIntervalMs: 180_000 });
    const refuseAll = async () => {
      for (let i = 0; i < 4; i++) {
        sessions.last().end({ reason: "stream-error", message: "Unknown stream type" });
        await settle();
      }
    };
    await refuseAll();
    expect(listener?.status().mode).toBe("polling");
    await vi.advanceTimersByTimeAsync(179_999);
    expect(sessions.sessions).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(sessions.sessions).toHaveLength(5);
    expect(sessions.last().options.variant).toEqual({ stream: "user:notification", tokenInQuery: false });
    const warnings = log.lines.filter((l) => Number(l.level) >= 40).length;
    await refuseAll();
    expect(log.lines.filter((l) => Number(l.level) >= 40)).toHaveLength(warnings);
    await vi.advanceTimersByTimeAsync(180_000);
    expect(sessions.sessions).toHaveLength(9);
    sessions.last().open();
    await settle();
    expect(listener?.status()).toMatchObject({ mode: "streaming", connected: true });
    expect(log.messages().filter((m) => m === "streaming: connected")).toHaveLength(1);
  });

  it("caps the reconnect backoff at the retry interval", async () => {
    await start({ streamRetryIntervalMs: 2_000, backoff: { baseMs: 1_000, maxMs: 60_000 } });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      sessions.last().end({ reason: "failed", message: "connect ECONNREFUSED" });
      await settle();
      const line = log.lines.filter((l) => l.msg === "streaming: disconnected; reconnecting").at(-1);
      delays.push(Number(line?.delayMs));
      await vi.advanceTimersByTimeAsync(Number(line?.delayMs));
    }
    expect(delays).toEqual([500, 1_000, 1_000, 1_000, 1_000]);
  });
});
