import { describe, expect, it } from "vitest";
import type { OutboxItem, PostAdmission, StateStore } from "../../src/store/state-store.js";
import type { StoreRef } from "./state-store-suite.js";
import { at, mention, reminderPosts, thread } from "./store-fixtures.js";

/** Sends everything due among the admitted posts, in order; returns the keys sent. */
function drain(store: StateStore, now: Date, admit: PostAdmission = "all"): string[] {
  const sent: string[] = [];
  for (
    let item = store.nextDue(now, undefined, admit);
    item !== null;
    item = store.nextDue(now, undefined, admit)
  ) {
    send(store, item, now);
    sent.push(item.idempotencyKey);
  }
  return sent;
}

function send(store: StateStore, item: OutboxItem, now: Date): void {
  expect(store.markSending(item.id, now)).toBe(true);
  expect(store.markSent(item.id, `remote-${item.id}`, now)).toBe(true);
}

/** Fair order and the posting budget's admissions (issue 12, item 4). */
export function describeFairness(ref: StoreRef): void {
  describe("fair order and admission", () => {
    it("sends an account's second reply after other accounts' first ones, then oldest first", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { minute: 0, accountId: "flood", accountRank: 1 }));
      store.acceptNotification(mention("2", { minute: 1, accountId: "flood", accountRank: 2 }));
      store.acceptNotification(mention("3", { minute: 5, accountId: "bob" }));
      store.acceptNotification(mention("4", { minute: 3, accountId: "carol", accountRank: 1 }));
      store.acceptNotification(mention("5", { minute: 6, accountId: "dora", accountRank: 0 }));
      expect(drain(store, at(10))).toEqual(["reply:3:0", "reply:5:0", "reply:1:0", "reply:4:0", "reply:2:0"]);
    });

    it("finishes a begun thread before fresh first replies", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { minute: 0, accountRank: 3, posts: thread("s1", 2) }));
      send(store, store.nextDue(at(0))!, at(0));
      store.acceptNotification(mention("2", { minute: 1, accountId: "bob" }));
      expect(store.nextDue(at(1))?.idempotencyKey).toBe("reply:1:1");
    });

    it("admits first replies, reminders, greetings and favourites as priority; no replies under the cap", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { minute: 0, accountRank: 1 }));
      store.acceptNotification(mention("2", { minute: 1, accountId: "bob" }));
      store.acceptNotification(mention("3", { minute: 2, accountRank: 2, posts: [], favourite: true }));
      store.claimReminder("c1:morning", at(3), reminderPosts(3));
      store.markGreeted("carol", at(4), reminderPosts(4, ["hello"]));
      expect(store.nextDueAt("post", "no-replies")).toEqual(at(3));
      expect(drain(store, at(5), "no-replies")).toEqual([
        "reminder:c1:morning:0",
        "greeting:carol:0",
        "reply:3:favourite",
      ]);
      expect(store.nextDueAt("post", "priority")).toEqual(at(1));
      expect(drain(store, at(5), "priority")).toEqual(["reply:2:0"]);
      expect(store.nextDueAt("post", "priority")).toBeNull();
      expect(store.nextDueAt("post")).toEqual(at(0));
      expect(drain(store, at(5))).toEqual(["reply:1:0"]);
    });

    it("lists when each reply went out, by its first post; reminders, later posts and favourites do not count", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { minute: 0, posts: thread("s1", 2) }));
      store.acceptNotification(mention("2", { minute: 0, accountId: "bob", posts: [], favourite: true }));
      store.claimReminder("c1:morning", at(0), reminderPosts(0));
      store.acceptNotification(mention("3", { minute: 0, accountId: "carol" }));
      for (let minute = 1; ; minute++) {
        const item = store.nextDue(at(minute));
        if (item === null) break;
        send(store, item, at(minute));
      }
      // Minute 1: reply 1; 2: its second post; 3: the favourite; 4: reply 3; 5: the reminder.
      expect(store.sentRepliesSince(at(0))).toEqual([at(1), at(4)]);
      expect(store.sentRepliesSince(at(2))).toEqual([at(4)]);
    });
  });
}
