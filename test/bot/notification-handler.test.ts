import { describe, expect, it, vi } from "vitest";
import type { HandledNotification } from "../../src/domain/notification.js";
import { greetingGroupKey, replyGroupKey } from "../../src/store/outbox-keys.js";
import type { OutboxPost } from "../../src/store/state-store.js";
import { StoreError } from "../../src/store/store-errors.js";
import { author, mentionsIn, NOW } from "../policy/mention-fixture.js";
import { realKnowledge } from "../support/knowledge.js";
import { harness, mentionNotification, threadHtml } from "./handler-fixture.js";

const HOUR = 60 * 60 * 1000;
const INSTAGRAM_FORM = realKnowledge().campaigns[0]!.forms.instagram;
const FACEBOOK_FORM = realKnowledge().campaigns[0]!.forms.facebook;

function posts(h: ReturnType<typeof harness>, notificationId: string): OutboxPost[] {
  return h.store
    .outboxGroup(replyGroupKey(notificationId))
    .filter((item): item is OutboxPost => item.kind === "post");
}

function follow(id: string, account: Parameters<typeof author>[0] = {}): HandledNotification {
  return { kind: "follow", id, createdAt: NOW, account: author(account) };
}

describe("NotificationHandler: mentions", () => {
  it("queues the answer to a mention, in reply to it, mentioning the author only", async () => {
    const h = harness();
    const n = mentionNotification({ id: "7", html: threadHtml("Wo widerspreche ich bei Instagram?") });
    await h.handle(n, "catch-up");

    const [post, ...rest] = posts(h, "7");
    expect(rest).toEqual([]);
    expect(post).toMatchObject({
      inReplyToId: "s7",
      visibility: "unlisted",
      language: "de",
      state: "pending",
    });
    expect(post!.text.startsWith("@alice@other.example ")).toBe(true);
    expect(post!.text).toContain(INSTAGRAM_FORM);
    expect(mentionsIn(post!.text)).toEqual(["alice@other.example"]);
    expect(post!.text).not.toMatch(/@(bob|carol|optout)\b/);
    expect(h.wakes).toBe(1);
    expect(h.mentions).toBe(1);
  });

  it("chains a thread: post 0 answers the mention, later posts the one before", async () => {
    const h = harness({}, { maxCharacters: 200 });
    const text = "Wo finde ich die Formulare für Facebook und Instagram, und bis wann geht das?";
    await h.handle(mentionNotification({ id: "8", html: threadHtml(text) }), "catch-up");

    const thread = posts(h, "8");
    expect(thread.length).toBeGreaterThan(1);
    expect(thread[0]).toMatchObject({ inReplyToId: "s8", chainToPrevious: false });
    for (const later of thread.slice(1))
      expect(later).toMatchObject({ chainToPrevious: true, inReplyToId: null });
    for (const post of thread) expect(mentionsIn(post.text)).toEqual(["alice@other.example"]);
    const all = thread.map((p) => p.text).join("\n");
    expect(all).toContain(FACEBOOK_FORM);
    expect(all).toContain(INSTAGRAM_FORM);

    h.store.markSending(thread[0]!.id, NOW);
    h.store.markSent(thread[0]!.id, "remote-1", NOW);
    expect(h.store.getOutboxItem(thread[1]!.id)).toMatchObject({ inReplyToId: "remote-1" });
  });

  it("keeps a direct and a followers-only mention direct", async () => {
    const h = harness({ replyVisibility: "public" });
    await h.handle(mentionNotification({ id: "9", visibility: "direct" }), "catch-up");
    await h.handle(mentionNotification({ id: "10", visibility: "private" }), "catch-up");
    await h.handle(mentionNotification({ id: "11", visibility: "public" }), "catch-up");
    expect(posts(h, "9")[0]?.visibility).toBe("direct");
    expect(posts(h, "10")[0]?.visibility).toBe("direct");
    expect(posts(h, "11")[0]?.visibility).toBe("public");
  });

  it("sets the reply's deadline REPLY_MAX_DELAY after the mention", async () => {
    const h = harness({ replyMaxDelayMs: HOUR });
    const n = mentionNotification({ id: "12", createdAt: new Date(NOW.getTime() - 10 * 60_000) });
    await h.handle(n, "catch-up");
    expect(posts(h, "12")[0]?.deadlineAt).toEqual(new Date(NOW.getTime() + 50 * 60_000));
  });

  it("favourites thanks alone and writes nothing", async () => {
    const h = harness();
    await h.handle(mentionNotification({ id: "13", text: "Danke dir, das hat geholfen!" }), "poll");
    const items = h.store.outboxGroup(replyGroupKey("13"));
    expect(items.map((item) => item.kind)).toEqual(["favourite"]);
    expect(items[0]).toMatchObject({ statusId: "s13" });
    expect(h.wakes).toBe(1);
  });

  it("answers and favourites thanks with a question", async () => {
    const h = harness();
    const text = "Danke! Und wo widerspreche ich bei Facebook?";
    await h.handle(mentionNotification({ id: "14", text }), "catch-up");
    const kinds = h.store.outboxGroup(replyGroupKey("14")).map((item) => item.kind);
    expect(kinds).toEqual(["post", "favourite"]);
    expect(posts(h, "14")[0]?.text).toContain(FACEBOOK_FORM);
  });

  it("sends the topic menu once a day to an off-topic account", async () => {
    const h = harness();
    const offTopic = (id: string) =>
      mentionNotification({ id, text: "Weißt du, wie das Wetter morgen wird?" });
    await h.handle(offTopic("20"), "catch-up");
    const menu = realKnowledge().languages.get("de")!.fallback;
    expect(posts(h, "20").map((p) => p.text)).toEqual([`@alice@other.example ${menu}`]);

    h.setNow(new Date(NOW.getTime() + 2 * HOUR));
    await h.handle(
      mentionNotification({
        id: "21",
        text: "Und übermorgen, weißt du das?",
        createdAt: new Date(NOW.getTime() + HOUR),
      }),
      "catch-up",
    );
    expect(posts(h, "21")).toEqual([]);
    expect(h.ignored).toEqual(["menu-cooldown"]);

    h.setNow(new Date(NOW.getTime() + 25 * HOUR));
    const later = mentionNotification({
      id: "22",
      text: "Weißt du das Wetter?",
      createdAt: new Date(NOW.getTime() + 25 * HOUR),
    });
    await h.handle(later, "catch-up");
    expect(posts(h, "22")).toHaveLength(1);
  });

  it("says nothing, not even the menu, to a thread reply between others that carries its handle", async () => {
    const h = harness({ keepUnmatchedMs: 24 * HOUR });
    // Mastodon puts every participant's handle first: @optout @bob @carol.
    await h.handle(
      mentionNotification({ id: "23", html: threadHtml("ja, hab ich auch gemacht") }),
      "catch-up",
    );
    expect(posts(h, "23")).toEqual([]);
    expect(h.ignored).toEqual(["unasked"]);
    // The operator may still look at it: posts the bot stayed silent on are kept for review.
    expect(h.store.unmatchedSince(new Date(0)).map((row) => row.reason)).toEqual(["silent:unasked"]);
    // The menu was not spent on it: an off-topic question still gets it.
    await h.handle(
      mentionNotification({ id: "24", text: "Weißt du, wie das Wetter morgen wird?" }),
      "catch-up",
    );
    expect(posts(h, "24")).toHaveLength(1);
  });

  it("answers 20 mentions of one account per hour and logs the 21st as a cooldown", async () => {
    const h = harness();
    for (let i = 0; i < 21; i++) await h.handle(mentionNotification({ id: String(100 + i) }), "catch-up");
    expect(posts(h, "119")).toHaveLength(1);
    expect(posts(h, "120")).toEqual([]);
    expect(h.ignored).toEqual(["cooldown"]);
    const line = h.logs.find((l) => l.notificationId === "120");
    expect(line).toMatchObject({ decision: "ignore", reason: "cooldown", level: 40, accountId: "100" });
    expect(h.store.hasSeen("120")).toBe(true);

    h.setNow(new Date(NOW.getTime() + HOUR + 1));
    const fresh = mentionNotification({ id: "121", createdAt: new Date(NOW.getTime() + HOUR) });
    await h.handle(fresh, "catch-up");
    expect(posts(h, "121")).toHaveLength(1);
  });

  it("ranks a reply by the replies its account got in the hour before: others' first ones go first", async () => {
    const h = harness();
    await h.handle(mentionNotification({ id: "1" }), "catch-up");
    await h.handle(mentionNotification({ id: "2" }), "catch-up");
    await h.handle(mentionNotification({ id: "3", author: { id: "77", acct: "bob" } }), "catch-up");
    const order: (string | null)[] = [];
    for (let item = h.store.nextDue(NOW); item !== null; item = h.store.nextDue(NOW)) {
      h.store.markSending(item.id, NOW);
      h.store.markSent(item.id, `r${item.id}`, NOW);
      order.push(item.notificationId);
    }
    expect(order).toEqual(["1", "3", "2"]);
  });

  it.each([
    ["a bot", { author: { bot: true } }, "bot"],
    ["itself", { author: { id: "1" } }, "self"],
    ["a mention older than REPLY_MAX_DELAY", { createdAt: new Date(NOW.getTime() - 3 * HOUR) }, "too-old"],
  ] as const)("records %s as seen without a reply", async (_, fixture, reason) => {
    const h = harness();
    await h.handle(mentionNotification({ id: "30", ...fixture }), "catch-up");
    expect(h.store.outboxGroup(replyGroupKey("30"))).toEqual([]);
    expect(h.store.hasSeen("30")).toBe(true);
    expect(h.store.getCursor()).toBe("30");
    expect(h.ignored).toEqual([reason]);
    expect(h.wakes).toBe(0);
    expect(h.logs.find((l) => l.notificationId === "30")).toMatchObject({ decision: "ignore", reason });
  });

  it("records a mention it cannot write an answer for, with the error logged", async () => {
    const h = harness({}, { maxCharacters: 10 });
    await h.handle(mentionNotification({ id: "31" }), "catch-up");
    expect(h.store.hasSeen("31")).toBe(true);
    expect(h.store.outboxGroup(replyGroupKey("31"))).toEqual([]);
    expect(h.ignored).toEqual(["error"]);
    expect(h.logs.some((l) => l.notificationId === "31" && l.level === 50)).toBe(true);
  });
});

describe("NotificationHandler: unmatched mentions kept for review (KEEP_UNMATCHED)", () => {
  const DAY = 24 * HOUR;
  const offTopic = "Weißt du, wie das Wetter morgen wird?";

  it("keeps a public mention that got the topic menu: its HTML, languages, what was found, no account", async () => {
    const h = harness({ keepUnmatchedMs: 14 * DAY });
    const written = new Date(NOW.getTime() - 5 * 60_000);
    const n = mentionNotification({ id: "40", text: offTopic, language: "de", createdAt: written });
    await h.handle(n, "catch-up");
    expect(posts(h, "40")).toHaveLength(1);
    const kept = h.store.unmatchedSince(new Date(0));
    expect(kept).toEqual([
      {
        id: expect.any(Number),
        content: n.kind === "mention" ? n.mention.contentHtml : "",
        language: "de",
        detectedLanguage: "de",
        found: [],
        reason: "menu",
        createdAt: written,
      },
    ]);
    expect(JSON.stringify(kept)).not.toMatch(/alice|s40/);
  });

  it("never keeps a direct or followers-only mention", async () => {
    const h = harness({ keepUnmatchedMs: 14 * DAY });
    await h.handle(mentionNotification({ id: "41", text: offTopic, visibility: "direct" }), "catch-up");
    await h.handle(
      mentionNotification({ id: "42", text: offTopic, visibility: "private", author: { id: "200" } }),
      "catch-up",
    );
    expect(posts(h, "41")).toHaveLength(1);
    expect(posts(h, "42")).toHaveLength(1);
    expect(h.store.unmatchedSince(new Date(0))).toEqual([]);
  });

  it("keeps a mention it stayed silent on, with the policy's reason; understood ones are not kept", async () => {
    const h = harness({ keepUnmatchedMs: 14 * DAY });
    await h.handle(mentionNotification({ id: "43", text: offTopic }), "catch-up");
    await h.handle(mentionNotification({ id: "44", text: "Und übermorgen, weißt du das?" }), "catch-up");
    await h.handle(mentionNotification({ id: "45" }), "catch-up");
    expect(h.store.unmatchedSince(new Date(0)).map((row) => row.reason)).toEqual([
      "menu",
      "silent:menu-cooldown",
    ]);
  });

  it("keeps nothing with KEEP_UNMATCHED=0", async () => {
    const h = harness({ keepUnmatchedMs: 0 });
    await h.handle(mentionNotification({ id: "46", text: offTopic }), "catch-up");
    expect(posts(h, "46")).toHaveLength(1);
    expect(h.store.unmatchedSince(new Date(0))).toEqual([]);
  });
});

describe("NotificationHandler: exactly once", () => {
  it("queues a mention delivered by the stream and then by catch-up once", async () => {
    const h = harness();
    const n = mentionNotification({ id: "40" });
    await h.handle(n, "stream");
    await h.handle(n, "catch-up");
    expect(posts(h, "40")).toHaveLength(1);
    expect(h.store.pendingCount()).toBe(1);
    expect(h.mentions).toBe(1);
    expect(h.wakes).toBe(1);
  });

  it("moves the cursor for catch-up and polling, never for the stream", async () => {
    const h = harness();
    await h.handle(mentionNotification({ id: "50" }), "catch-up");
    expect(h.store.getCursor()).toBe("50");
    await h.handle(mentionNotification({ id: "52" }), "stream");
    expect(h.store.getCursor()).toBe("50");
    await h.handle(mentionNotification({ id: "51" }), "poll");
    expect(h.store.getCursor()).toBe("51");
    expect(posts(h, "52")).toHaveLength(1);
    // Catch-up meeting what the stream already handled moves the cursor on, without a second reply.
    await h.handle(mentionNotification({ id: "52" }), "catch-up");
    expect(h.store.getCursor()).toBe("52");
    expect(posts(h, "52")).toHaveLength(1);
  });

  it("cancels the reply to a status deleted before it was sent", async () => {
    const h = harness();
    await h.handle(mentionNotification({ id: "60", text: "Danke! Bis wann geht das?" }), "stream");
    h.handler.statusDeleted("s60");
    const states = h.store.outboxGroup(replyGroupKey("60")).map((item) => item.state);
    expect(states).toEqual(["cancelled", "cancelled"]);
    expect(h.store.nextDue(new Date(NOW.getTime() + HOUR))).toBeNull();
  });

  it("logs one line per handled notification with its id and decision", async () => {
    const h = harness();
    await h.handle(mentionNotification({ id: "80" }), "catch-up");
    await h.handle(mentionNotification({ id: "80" }), "catch-up");
    const lines = h.logs.filter((l) => l.notificationId === "80" && l.level >= 30);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ decision: "reply", kind: "answer", posts: 1, source: "catch-up" });
  });
});

describe("NotificationHandler: group commit", () => {
  const batch = (...ids: string[]) => ids.map((id) => mentionNotification({ id }));
  const queued = (h: ReturnType<typeof harness>) =>
    h.logs.filter((l) => l.msg === "reply queued").map((l) => l.notificationId);

  it("takes a batch in one commit, wakes the sender once, and moves the cursor to its newest", async () => {
    const h = harness();
    const commits = vi.spyOn(h.store, "inOneCommit");
    await h.handler.notifications(batch("70", "71", "72"), "catch-up");
    expect(commits).toHaveBeenCalledTimes(1);
    expect(h.store.pendingCount()).toBe(3);
    expect(h.store.getCursor()).toBe("72");
    expect(h.wakes).toBe(1);
    expect(queued(h)).toEqual(["70", "71", "72"]);
  });

  it("keeps what came before a failed write; it and the rest wait for catch-up, and the cursor stays", async () => {
    const h = harness();
    const accept = h.store.acceptNotification.bind(h.store);
    vi.spyOn(h.store, "acceptNotification").mockImplementation((input) => {
      if (input.notificationId === "72")
        throw new StoreError("State store: acceptNotification failed: disk full.");
      return accept(input);
    });
    await expect(h.handler.notifications(batch("71", "72", "73"), "catch-up")).rejects.toThrow("disk full");
    expect(["71", "72", "73"].map((id) => h.store.hasSeen(id))).toEqual([true, false, false]);
    expect(h.store.getCursor()).toBe("71");
    expect(queued(h)).toEqual(["71"]);
    expect(h.wakes).toBe(1);
  });

  it("says nothing and queues nothing when the commit itself fails", async () => {
    const h = harness();
    const commit = h.store.inOneCommit.bind(h.store);
    vi.spyOn(h.store, "inOneCommit").mockImplementation((operation, fn) =>
      commit(operation, () => {
        fn();
        throw new StoreError("State store: acceptNotification failed: disk I/O error.");
      }),
    );
    await expect(h.handler.notifications(batch("74", "75"), "catch-up")).rejects.toThrow("disk I/O error");
    expect(h.store.hasSeen("74")).toBe(false);
    expect(h.store.pendingCount()).toBe(0);
    expect(queued(h)).toEqual([]);
    expect(h.mentions).toBe(0);
    expect(h.wakes).toBe(0);
  });
});

describe("NotificationHandler: follows", () => {
  it("greets nobody by default", async () => {
    const h = harness();
    await h.handle(follow("90"), "catch-up");
    expect(h.store.outboxGroup(greetingGroupKey("100"))).toEqual([]);
    expect(h.store.hasSeen("90")).toBe(true);
    expect(h.wakes).toBe(0);
  });

  it("greets a new follower once, by direct message", async () => {
    const h = harness({ greetFollowers: true });
    await h.handle(follow("91"), "catch-up");
    await h.handle(follow("92"), "catch-up"); // unfollowed and followed again
    const greeting = h.store.outboxGroup(greetingGroupKey("100"));
    expect(greeting).toHaveLength(1);
    expect(greeting[0]).toMatchObject({
      kind: "post",
      visibility: "direct",
      inReplyToId: null,
      language: "de",
    });
    const text = (greeting[0] as OutboxPost).text;
    expect(text.startsWith("@alice@other.example ")).toBe(true);
    expect(mentionsIn(text)).toEqual(["alice@other.example"]);
    expect(h.wakes).toBe(1);
    expect(h.logs.find((l) => l.notificationId === "92")).toMatchObject({ reason: "already-greeted" });
  });

  it.each([
    ["a bot", { bot: true }, "bot"],
    [
      "#nobot in the note",
      {
        note: '<p><a href="https://x.example/tags/nobot" class="mention hashtag">#<span>nobot</span></a></p>',
      },
      "nobot",
    ],
  ] as const)("does not greet %s", async (_, account, reason) => {
    const h = harness({ greetFollowers: true });
    await h.handle(follow("93", account), "catch-up");
    expect(h.store.outboxGroup(greetingGroupKey("100"))).toEqual([]);
    expect(h.logs.find((l) => l.notificationId === "93")).toMatchObject({ decision: "skip", reason });
  });
});

describe("NotificationHandler: replies stay true for the day they are sent", () => {
  it("lets a reply written on the last evening expire at local midnight, not two hours later", async () => {
    const lastEvening = new Date("2025-05-26T23:50:00+02:00");
    const h = harness();
    h.setNow(lastEvening);
    await h.handle(
      mentionNotification({ id: "90", text: "bis wann geht das?", createdAt: lastEvening }),
      "catch-up",
    );
    const [post] = h.store.outboxGroup(replyGroupKey("90"));
    expect(post?.deadlineAt.toISOString()).toBe(new Date("2025-05-27T00:00:00+02:00").toISOString());
  });

  it("keeps the full REPLY_MAX_DELAY on the last evening for an answer that reads the same any day", async () => {
    const lastEvening = new Date("2025-05-26T23:50:00+02:00");
    const h = harness();
    h.setNow(lastEvening);
    await h.handle(
      mentionNotification({ id: "92", text: "Wie lösche ich mein Facebook-Konto?", createdAt: lastEvening }),
      "catch-up",
    );
    const [post] = h.store.outboxGroup(replyGroupKey("92"));
    expect(post).toMatchObject({ kind: "post", text: expect.stringContaining("lösch") });
    expect(post?.deadlineAt.getTime()).toBe(lastEvening.getTime() + 2 * 3_600_000);
  });

  it("keeps the full REPLY_MAX_DELAY once the deadline has passed and texts no longer change", async () => {
    const later = new Date("2026-11-30T23:50:00+01:00");
    const h = harness();
    h.setNow(later);
    await h.handle(mentionNotification({ id: "91", text: "bis wann?", createdAt: later }), "catch-up");
    const [post] = h.store.outboxGroup(replyGroupKey("91"));
    expect(post?.deadlineAt.getTime()).toBe(later.getTime() + 2 * 3_600_000);
  });
});
