import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutboxItem, StateStore } from "../../src/store/state-store.js";
import { StoreError } from "../../src/store/store-errors.js";
import type { TestStore } from "../support/test-store.js";
import { describeFairness } from "./state-store-suite-fairness.js";
import { describeRecords } from "./state-store-suite-records.js";
import { at, mention, thread } from "./store-fixtures.js";

/** Makes a fresh, empty store and the function that closes it and removes its files. */
export type StoreFactory = () => { store: TestStore; dispose: () => void };

/** Holds the store of the running test for suites split over several files. */
export interface StoreRef {
  readonly current: TestStore;
}

/** The behaviour every StateStore implementation must show (house habit 6). */
export function describeStateStore(name: string, factory: StoreFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    let made: ReturnType<StoreFactory>;
    const ref: StoreRef = {
      get current() {
        return made.store;
      },
    };
    beforeEach(() => {
      made = factory();
    });
    afterEach(() => {
      made.dispose();
    });
    describeNotifications(ref);
    describeOutbox(ref);
    describeRecords(ref);
    describeFairness(ref);
  });
}

function ids(items: readonly (OutboxItem | null)[]): (string | undefined)[] {
  return items.map((item) => item?.idempotencyKey);
}

/** Sends everything due, in order, as a perfect sender would; returns the keys sent. */
function drain(store: StateStore, now: Date): string[] {
  const sent: string[] = [];
  for (let item = store.nextDue(now); item !== null; item = store.nextDue(now)) {
    expect(store.markSending(item.id, now)).toBe(true);
    store.markSent(item.id, `remote-${item.id}`, now);
    sent.push(item.idempotencyKey);
  }
  return sent;
}

function describeNotifications(ref: StoreRef): void {
  describe("notifications and cursor", () => {
    it("accepts a notification once and enqueues its reply once", () => {
      const store = ref.current;
      expect(store.getCursor()).toBeNull();
      expect(store.hasSeen("5")).toBe(false);
      expect(store.acceptNotification(mention("5"))).toBe(true);
      expect(store.acceptNotification(mention("5"))).toBe(false);
      expect(store.hasSeen("5")).toBe(true);
      expect(store.getCursor()).toBe("5");
      expect(store.pendingCount()).toBe(1);
    });

    it("moves the cursor only forward, comparing ids as numbers of any size", () => {
      const store = ref.current;
      store.acceptNotification(mention("10"));
      store.acceptNotification(mention("9"));
      expect(store.getCursor()).toBe("10");
      store.acceptNotification(mention("109876543210987654321"));
      store.acceptNotification(mention("99999999999999999999"));
      expect(store.getCursor()).toBe("109876543210987654321");
    });

    it("leaves the cursor alone when asked to, but still dedupes", () => {
      const store = ref.current;
      store.acceptNotification(mention("7"));
      expect(store.acceptNotification(mention("8", { advanceCursor: false }))).toBe(true);
      expect(store.getCursor()).toBe("7");
      expect(store.acceptNotification(mention("8"))).toBe(false);
    });

    it("moves the cursor to an already accepted id on request, never back, never to an unknown id", () => {
      const store = ref.current;
      store.acceptNotification(mention("7"));
      store.acceptNotification(mention("12", { advanceCursor: false }));
      expect(store.advanceCursor("99")).toBe(false); // never accepted
      expect(store.getCursor()).toBe("7");
      expect(store.advanceCursor("12")).toBe(true);
      expect(store.getCursor()).toBe("12");
      expect(store.advanceCursor("7")).toBe(false);
      expect(store.getCursor()).toBe("12");
    });

    it("records nothing when the input is invalid", () => {
      const store = ref.current;
      const { deadlineAt: _, ...noDeadline } = mention("1");
      expect(() => store.acceptNotification(noDeadline)).toThrow(TypeError);
      expect(() => store.acceptNotification(mention("2", { posts: thread("s2", 2).reverse() }))).toThrow(
        RangeError,
      );
      expect(() =>
        store.acceptNotification(mention("3", { statusId: null, posts: [], favourite: true })),
      ).toThrow(TypeError);
      expect([store.hasSeen("1"), store.hasSeen("2"), store.hasSeen("3"), store.getCursor()]).toEqual([
        false,
        false,
        false,
        null,
      ]);
      expect(store.pendingCount()).toBe(0);
    });

    it("accepts a notification that needs no reply without a deadline", () => {
      const store = ref.current;
      const follow = {
        notificationId: "4",
        statusId: null,
        accountId: "bob",
        kind: "follow",
        receivedAt: at(0),
      };
      expect(store.acceptNotification({ ...follow, posts: [] })).toBe(true);
      expect(store.getCursor()).toBe("4");
      expect(store.nextDue(at(0))).toBeNull();
    });
  });
}

function describeOutbox(ref: StoreRef): void {
  describe("outbox", () => {
    it("stores each post with its reply target, idempotency key and times", () => {
      const store = ref.current;
      store.acceptNotification(mention("42", { minute: 3, accountId: "bob", posts: thread("s42", 2) }));
      const [first, second] = store.outboxGroup("reply:42");
      expect(first).toMatchObject({
        kind: "post",
        idempotencyKey: "reply:42:0",
        position: 0,
        state: "pending",
        attempts: 0,
        text: "part 0",
        language: "de",
        visibility: "unlisted",
        inReplyToId: "s42",
        chainToPrevious: false,
        statusId: "s42",
        accountId: "bob",
        notificationId: "42",
        dueAt: at(3),
        deadlineAt: at(123),
      });
      expect(second).toMatchObject({
        idempotencyKey: "reply:42:1",
        chainToPrevious: true,
        inReplyToId: null,
      });
      expect(store.getOutboxItem(first!.id)).toEqual(first);
    });

    it("sends the oldest mention first, whatever the order of acceptance", () => {
      const store = ref.current;
      store.acceptNotification(mention("300", { minute: 5 }));
      store.acceptNotification(mention("200", { minute: 9, createdAt: at(1) }));
      store.acceptNotification(mention("10", { minute: 5 }));
      store.acceptNotification(mention("9", { minute: 5 }));
      expect(drain(store, at(10))).toEqual(["reply:200:0", "reply:9:0", "reply:10:0", "reply:300:0"]);
    });

    it("chains a thread: a post waits for its predecessor and replies to its remote id", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { posts: thread("s1", 3) }));
      const first = store.nextDue(at(0))!;
      store.markSending(first.id, at(0));
      expect(store.nextDue(at(0))).toBeNull();
      expect(store.nextDueAt()).toBeNull();
      store.markSent(first.id, "r0", at(1));
      const second = store.nextDue(at(1))!;
      expect(second).toMatchObject({ position: 1, inReplyToId: "r0" });
      store.markSending(second.id, at(1));
      store.markSent(second.id, "r1", at(1));
      expect(store.nextDue(at(1))).toMatchObject({ position: 2, inReplyToId: "r1" });
    });

    it("does not hand out an item before it is due, and says when the next one is", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { minute: 10 }));
      expect(store.nextDue(at(9))).toBeNull();
      expect(store.nextDueAt()).toEqual(at(10));
      expect(store.nextDue(at(10))?.idempotencyKey).toBe("reply:1:0");
    });

    it("lets only one sender take an item, and settles it only once", () => {
      const store = ref.current;
      store.acceptNotification(mention("1"));
      const item = store.nextDue(at(0))!;
      expect(store.markSending(item.id, at(0))).toBe(true);
      expect(store.markSending(item.id, at(0))).toBe(false);
      expect(store.markSent(item.id, "r1", at(1))).toBe(true);
      expect(store.markSent(item.id, "r2", at(1))).toBe(false);
      expect(store.markFailed(item.id, "late", at(1))).toBe(false);
      expect(store.reschedule(item.id, at(5), 2)).toBe(false);
      expect(store.getOutboxItem(item.id)).toMatchObject({ state: "sent", remoteId: "r1", updatedAt: at(1) });
      expect([
        store.markSending(9999, at(0)),
        store.markSent(9999, "x", at(0)),
        store.getOutboxItem(9999),
      ]).toEqual([false, false, null]);
    });

    it("reschedules a retry with its attempt count and cause", () => {
      const store = ref.current;
      store.acceptNotification(mention("1"));
      const item = store.nextDue(at(0))!;
      store.markSending(item.id, at(0));
      expect(store.reschedule(item.id, at(4), 1, "HTTP 503")).toBe(true);
      expect(store.nextDue(at(3))).toBeNull();
      expect(store.nextDue(at(4))).toMatchObject({
        id: item.id,
        attempts: 1,
        lastError: "HTTP 503",
        dueAt: at(4),
      });
    });

    it("records a failure with the server's message and cancels the rest of the reply", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { posts: thread("s1", 3) }));
      const first = store.nextDue(at(0))!;
      store.markSending(first.id, at(0));
      expect(store.markFailed(first.id, "Validation failed: Text too long", at(1))).toBe(true);
      const states = store.outboxGroup("reply:1").map((item) => [item.state, item.lastError]);
      expect(states).toEqual([
        ["failed", "Validation failed: Text too long"],
        ["cancelled", "post 0 of this group was failed"],
        ["cancelled", "post 0 of this group was failed"],
      ]);
      expect(store.pendingCount()).toBe(0);
    });

    it("expires pending items past their deadline, not those whose outcome is unknown", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { posts: thread("s1", 2) }));
      store.acceptNotification(mention("2", { minute: 60 }));
      store.acceptNotification(mention("3"));
      const sending = store.outboxGroup("reply:3")[0]!;
      store.markSending(sending.id, at(0));
      expect(store.expireOverdue(at(120))).toEqual([]);
      const expired = store.expireOverdue(at(121));
      expect(ids(expired)).toEqual(["reply:1:0"]);
      expect(expired[0]?.state).toBe("expired");
      expect(store.outboxGroup("reply:1")[1]?.state).toBe("cancelled");
      expect(store.inFlight().map((item) => item.id)).toEqual([sending.id]);
      expect(store.markExpired(sending.id, at(130))).toBe(true);
      expect(store.pendingCount()).toBe(1);
    });

    it("lists sending items as in flight until they settle or go back to pending", () => {
      const store = ref.current;
      store.acceptNotification(mention("1"));
      store.acceptNotification(mention("2"));
      const [a, b] = [store.outboxGroup("reply:1")[0]!, store.outboxGroup("reply:2")[0]!];
      store.markSending(b.id, at(0));
      store.markSending(a.id, at(0));
      expect(ids(store.inFlight())).toEqual(["reply:1:0", "reply:2:0"]);
      expect(store.inFlight()[0]?.state).toBe("sending");
      store.reschedule(a.id, at(0), 1);
      store.markSent(b.id, "rb", at(0));
      expect(store.inFlight()).toEqual([]);
      expect(store.pendingCount()).toBe(1);
    });

    it("favourites thanks in their own lane", () => {
      const store = ref.current;
      store.acceptNotification(mention("1"));
      store.acceptNotification(mention("2", { posts: [], favourite: true }));
      const favourite = store.nextDue(at(0), "favourite");
      expect(favourite).toMatchObject({
        kind: "favourite",
        statusId: "s2",
        idempotencyKey: "reply:2:favourite",
      });
      expect(store.nextDue(at(0), "post")?.idempotencyKey).toBe("reply:1:0");
      expect(store.nextDueAt("favourite")).toEqual(at(0));
    });

    it("cancels pending items for a deleted status, and only those", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { posts: thread("s1", 2) }));
      store.acceptNotification(mention("2", { posts: [], favourite: true }));
      store.acceptNotification(mention("3"));
      const sending = store.outboxGroup("reply:1")[0]!;
      store.markSending(sending.id, at(0));
      expect(store.markStatusDeleted("s1", at(1))).toBe(1);
      expect(store.markStatusDeleted("s2", at(1))).toBe(1);
      expect(store.outboxGroup("reply:1").map((item) => item.state)).toEqual(["sending", "cancelled"]);
      expect(store.outboxGroup("reply:2")[0]?.state).toBe("cancelled");
      expect(drain(store, at(2))).toEqual(["reply:3:0"]);
    });

    it("fails loudly once closed", () => {
      const store = ref.current;
      store.close();
      expect(() => store.getCursor()).toThrow(StoreError);
      expect(() => store.acceptNotification(mention("1"))).toThrow(StoreError);
    });
  });
}
