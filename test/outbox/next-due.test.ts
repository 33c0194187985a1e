import { describe, expect, it } from "vitest";
import { nextWake, pickNext } from "../../src/outbox/next-due.js";
import type { StateStore } from "../../src/store/state-store.js";
import { openTestStore } from "../support/test-store.js";

const NOW = new Date("2025-05-20T10:00:00.000Z");
const at = (ms: number) => NOW.getTime() + ms;
const OPEN = { until: 0, hard: false };

/** A post (for ann, queued first) and a favourite (for ben), both due now. */
function store(): StateStore {
  const s = openTestStore();
  const accept = (id: string, favourite: boolean) =>
    s.acceptNotification({
      notificationId: id,
      statusId: `s${id}`,
      accountId: `a${id}`,
      kind: "mention",
      receivedAt: NOW,
      createdAt: NOW,
      deadlineAt: new Date(at(3_600_000)),
      posts: favourite
        ? []
        : [{ text: "@ann Antwort", language: "de", visibility: "unlisted", inReplyToId: `s${id}` }],
      favourite,
    });
  accept("1", false);
  accept("2", true);
  return s;
}

describe("pickNext", () => {
  it("takes the oldest due item while its family is open", () => {
    expect(pickNext(store(), { statuses: OPEN, favourites: OPEN }, NOW)?.kind).toBe("post");
  });

  it("lets a favourite go while posts are held back, and nothing when both are", () => {
    const held = { until: at(60_000), hard: true };
    expect(pickNext(store(), { statuses: held, favourites: OPEN }, NOW)?.kind).toBe("favourite");
    expect(pickNext(store(), { statuses: held, favourites: held }, NOW)).toBeNull();
  });
});

describe("nextWake", () => {
  it("is the earliest moment an item's family opens", () => {
    const gates = {
      statuses: { until: at(60_000), hard: true },
      favourites: { until: at(30_000), hard: false },
    };
    expect(nextWake(store(), gates, NOW.getTime(), 100)).toBe(at(30_000));
  });

  it("never spins: an item due already wakes the loop no sooner than the minimum idle time", () => {
    expect(nextWake(store(), { statuses: OPEN, favourites: OPEN }, NOW.getTime(), 100)).toBe(at(100));
  });

  it("is null when nothing waits", () => {
    expect(nextWake(openTestStore(), { statuses: OPEN, favourites: OPEN }, NOW.getTime(), 100)).toBeNull();
  });
});
