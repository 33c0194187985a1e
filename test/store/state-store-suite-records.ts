import { describe, expect, it } from "vitest";
import type { UnmatchedInput } from "../../src/store/state-store.js";
import type { StoreRef } from "./state-store-suite.js";
import { at, mention, post, reminderPosts } from "./store-fixtures.js";

const DAY_MINUTES = 24 * 60;

function unmatched(text: string, minute: number): UnmatchedInput {
  return {
    content: `<p>${text}</p>`,
    language: "de",
    detectedLanguage: "de",
    found: ["deadline"],
    reason: "menu",
    createdAt: at(minute),
  };
}

/** Cooldowns, reminders, greetings and pruning: the part of the contract beyond the outbox. */
export function describeRecords(ref: StoreRef): void {
  describe("cooldowns", () => {
    it("counts the replies queued to each account since a time; favourites and silence do not count", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { minute: 0 }));
      store.acceptNotification(mention("2", { minute: 30 }));
      store.acceptNotification(mention("3", { minute: 40, posts: [], favourite: true }));
      store.acceptNotification(mention("4", { minute: 50, posts: [] }));
      store.acceptNotification(mention("5", { minute: 50, accountId: "bob" }));
      expect(store.repliesSince("alice", at(0))).toBe(2);
      expect(store.repliesSince("alice", at(1))).toBe(1);
      expect(store.repliesSince("bob", at(0))).toBe(1);
      expect(store.repliesSince("carol", at(0))).toBe(0);
    });

    it("remembers when the topic menu was last queued per account", () => {
      const store = ref.current;
      expect(store.lastTopicMenuAt("alice")).toBeNull();
      store.acceptNotification(mention("1", { minute: 5, topicMenu: true }));
      store.acceptNotification(mention("2", { minute: 9 }));
      expect(store.lastTopicMenuAt("alice")).toEqual(at(5));
      expect(store.lastTopicMenuAt("bob")).toBeNull();
    });
  });

  describe("reminders", () => {
    it("claims a slot once and enqueues its posts with that claim only", () => {
      const store = ref.current;
      expect(store.getReminder("c1:2025-05-23:morning")).toBeNull();
      expect(store.claimReminder("c1:2025-05-23:morning", at(0), reminderPosts(0, ["de", "en"]))).toBe(true);
      expect(store.claimReminder("c1:2025-05-23:morning", at(1), reminderPosts(1))).toBe(false);
      const posts = store.outboxGroup("reminder:c1:2025-05-23:morning");
      const view = posts.map((item) => [
        item.idempotencyKey,
        item.reminderKey,
        item.kind === "post" && item.visibility,
      ]);
      expect(view).toEqual([
        ["reminder:c1:2025-05-23:morning:0", "c1:2025-05-23:morning", "public"],
        ["reminder:c1:2025-05-23:morning:1", "c1:2025-05-23:morning", "public"],
      ]);
      expect(store.getReminder("c1:2025-05-23:morning")).toEqual({
        key: "c1:2025-05-23:morning",
        state: "claimed",
        claimedAt: at(0),
        updatedAt: at(0),
      });
    });

    it("becomes posted once all its posts are sent, skipped when they expire", () => {
      const store = ref.current;
      store.claimReminder("a", at(0), reminderPosts(0, ["one", "two"]));
      store.claimReminder("b", at(0), reminderPosts(0));
      const [one, two] = store.outboxGroup("reminder:a");
      store.markSending(one!.id, at(1));
      store.markSent(one!.id, "r1", at(1));
      expect(store.getReminder("a")?.state).toBe("claimed");
      store.markSending(two!.id, at(2));
      store.markSent(two!.id, "r2", at(2));
      expect(store.getReminder("a")).toMatchObject({ state: "posted", updatedAt: at(2) });
      store.expireOverdue(at(181));
      expect(store.getReminder("b")?.state).toBe("skipped");
    });

    it("records a slot as skipped or posted by hand", () => {
      const store = ref.current;
      store.recordReminder("late", "skipped", at(5));
      expect(store.getReminder("late")).toMatchObject({ state: "skipped", claimedAt: at(5) });
      expect(store.claimReminder("late", at(6))).toBe(false);
      store.claimReminder("done", at(0));
      store.recordReminder("done", "posted", at(7));
      expect(store.getReminder("done")).toMatchObject({
        state: "posted",
        claimedAt: at(0),
        updatedAt: at(7),
      });
    });
  });

  describe("greetings", () => {
    it("greets an account once, enqueuing the greeting with the mark", () => {
      const store = ref.current;
      const greeting = {
        posts: [post("@bob hallo", { visibility: "direct" })],
        dueAt: at(0),
        deadlineAt: at(60),
      };
      expect(store.markGreeted("bob", at(0), greeting)).toBe(true);
      expect(store.markGreeted("bob", at(1), greeting)).toBe(false);
      expect(store.outboxGroup("greeting:bob").map((item) => [item.idempotencyKey, item.accountId])).toEqual([
        ["greeting:bob:0", "bob"],
      ]);
      expect(store.markGreeted("carol", at(0))).toBe(true);
      expect(store.pendingCount()).toBe(1);
    });
  });

  describe("unmatched mentions", () => {
    it("keeps one with its notification, once, and lists them oldest first from a time", () => {
      const store = ref.current;
      store.acceptNotification(mention("2", { minute: 9, unmatched: unmatched("zweite", 9) }));
      store.acceptNotification(mention("1", { minute: 5, unmatched: unmatched("erste", 5) }));
      // A second delivery of a notification keeps nothing new.
      store.acceptNotification(mention("1", { minute: 6, unmatched: unmatched("erste", 6) }));
      store.acceptNotification(mention("3", { minute: 7 }));
      const all = store.unmatchedSince(at(0));
      expect(all.map((row) => [row.content, row.createdAt])).toEqual([
        ["<p>erste</p>", at(5)],
        ["<p>zweite</p>", at(9)],
      ]);
      expect(all[0]).toMatchObject({
        language: "de",
        detectedLanguage: "de",
        found: ["deadline"],
        reason: "menu",
      });
      expect(store.unmatchedSince(at(6)).map((row) => row.content)).toEqual(["<p>zweite</p>"]);
    });

    it("prunes them after keepUnmatchedMs, independently of keepDays", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { minute: 0, unmatched: unmatched("alt", 0) }));
      store.acceptNotification(
        mention("2", { minute: 10 * DAY_MINUTES, unmatched: unmatched("neu", 10 * DAY_MINUTES) }),
      );
      const now = at(10 * DAY_MINUTES + 1);
      expect(store.prune(now, { keepDays: 30, keepUnmatchedMs: 5 * DAY_MINUTES * 60_000 }).unmatched).toBe(1);
      expect(store.unmatchedSince(at(0)).map((row) => row.content)).toEqual(["<p>neu</p>"]);
      // KEEP_UNMATCHED=0: nothing is kept.
      expect(store.prune(now, { keepDays: 30, keepUnmatchedMs: 0 }).unmatched).toBe(1);
      expect(store.unmatchedSince(at(0))).toEqual([]);
    });

    it("refuses a negative keepUnmatchedMs", () => {
      expect(() => ref.current.prune(at(0), { keepDays: 7, keepUnmatchedMs: -1 })).toThrow(/keepUnmatchedMs/);
    });
  });

  describe("prune", () => {
    it("drops old settled items, notifications and cooldowns, keeping the cursor and open work", () => {
      const store = ref.current;
      store.acceptNotification(mention("1", { topicMenu: true }));
      store.acceptNotification(mention("2", { minute: 1 }));
      store.acceptNotification(mention("3", { minute: 2, posts: [] }));
      store.acceptNotification(mention("4", { minute: 3 * DAY_MINUTES }));
      store.claimReminder("r", at(0));
      store.markGreeted("bob", at(0));
      const first = store.outboxGroup("reply:1")[0]!;
      store.markSending(first.id, at(0));
      store.markSent(first.id, "r1", at(0));
      const result = store.prune(at(3 * DAY_MINUTES + 10), { keepDays: 2 });
      // Reply 2 is still pending (nobody expired it): its notification and item stay.
      expect(result).toEqual({ notifications: 2, outbox: 1, cooldowns: 3, unmatched: 0 });
      expect([store.hasSeen("1"), store.hasSeen("2"), store.hasSeen("3"), store.hasSeen("4")]).toEqual([
        false,
        true,
        false,
        true,
      ]);
      expect(store.getOutboxItem(first.id)).toBeNull();
      expect(store.getCursor()).toBe("4");
      expect(store.lastTopicMenuAt("alice")).toBeNull();
      expect(store.repliesSince("alice", at(0))).toBe(1);
      expect(store.claimReminder("r", at(5 * DAY_MINUTES))).toBe(false);
      expect(store.markGreeted("bob", at(5 * DAY_MINUTES))).toBe(false);
    });

    it("keeps the cursor's notification however old", () => {
      const store = ref.current;
      store.acceptNotification(mention("9", { posts: [] }));
      expect(store.prune(at(30 * DAY_MINUTES), { keepDays: 7 }).notifications).toBe(0);
      expect(store.hasSeen("9")).toBe(true);
    });

    it("refuses a window shorter than the cooldowns look back", () => {
      const store = ref.current;
      expect(() => store.prune(at(0), { keepDays: 0.5 })).toThrow(RangeError);
      expect(() => store.prune(at(0), { keepDays: Number.NaN })).toThrow(/keepDays/);
    });
  });
}
