import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NotificationCursor, type NotificationOutcome } from "../../src/bot/notification-cursor.js";
import { SqliteStateStore } from "../../src/store/sqlite-store.js";

const NOW = new Date("2025-05-20T10:00:00.000Z");

let dir: string;
let store: SqliteStateStore;
let cursor: NotificationCursor;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "optout-cursor-"));
  store = SqliteStateStore.open(join(dir, "state.sqlite"));
  cursor = new NotificationCursor(store, () => NOW);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A follow's outcome: seen, nothing sent. */
function outcome(id: string): NotificationOutcome {
  return {
    notificationId: id,
    statusId: null,
    accountId: `a${id}`,
    kind: "follow",
    receivedAt: NOW,
    posts: [],
  };
}

/** Receives `id` from `source` and stores its outcome; false when it was stored before. */
function receive(id: string, source: "stream" | "catch-up" | "poll"): boolean {
  const record = cursor.receive(id, source);
  return record?.(outcome(id)) ?? false;
}

describe("NotificationCursor", () => {
  it("starts with no cursor and moves it as catch-up and polling store outcomes", () => {
    expect(cursor.cursor()).toBeNull();
    expect(receive("10", "catch-up")).toBe(true);
    expect(cursor.cursor()).toBe("10");
    expect(receive("11", "poll")).toBe(true);
    expect(cursor.cursor()).toBe("11");
  });

  it("stores what the stream brings without moving the cursor past older, unstored ones", () => {
    receive("10", "catch-up");
    expect(receive("12", "stream")).toBe(true);
    expect(store.hasSeen("12")).toBe(true);
    expect(cursor.cursor()).toBe("10");
    // Catch-up hands over the older one, then meets the streamed one: the cursor follows.
    expect(receive("11", "catch-up")).toBe(true);
    expect(cursor.cursor()).toBe("11");
    expect(cursor.receive("12", "catch-up")).toBeNull();
    expect(cursor.cursor()).toBe("12");
  });

  it("hands out no recorder for a notification stored before, and the stream's repeat moves nothing", () => {
    receive("20", "stream");
    expect(cursor.receive("20", "stream")).toBeNull();
    expect(cursor.cursor()).toBeNull();
  });

  it("skips to an id: stored as seen with nothing to send, the cursor there", () => {
    receive("30", "catch-up");
    cursor.skipTo("35");
    expect(store.hasSeen("35")).toBe(true);
    expect(cursor.cursor()).toBe("35");
    expect(store.pendingCount()).toBe(0);
  });
});
