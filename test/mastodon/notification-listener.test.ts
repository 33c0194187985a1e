import { beforeEach, describe, expect, it, vi } from "vitest";
import type { InboundNotification } from "../../src/domain/notification.js";
import type {
  NotificationListener,
  NotificationListenerOptions,
} from "../../src/mastodon/notification-listener.js";
import { USER_AGENT } from "../../src/mastodon/user-agent.js";
import { compareIds } from "../../src/store/notification-id.js";
import { type CapturedLogger, cursorOf, RecordingSink } from "./helpers.js";
import { listenerOnFake } from "./listener-on-fake.js";

// masto waits 1 s before every connect: allow a few of them per condition.
const WAIT = { timeout: 10_000, interval: 20 };

const server = listenerOnFake();

beforeEach(() => {
  server.fake.addAccount({ username: "bob", domain: "remote.example" });
});

const startListener = (sink: RecordingSink, extra: Partial<NotificationListenerOptions> = {}) =>
  server.start(sink, extra);

/** Connected, and the catch-up that follows the connect is done: new events come by stream. */
async function streamingSettled(l: NotificationListener, log: CapturedLogger): Promise<void> {
  await vi.waitFor(() => {
    expect(l.status()).toMatchObject({ mode: "streaming", connected: true });
    const messages = log.messages();
    const connectedAt = messages.lastIndexOf("streaming: connected");
    expect(connectedAt).toBeGreaterThanOrEqual(0);
    expect(messages.slice(connectedAt).some((m) => m.startsWith("catch-up:"))).toBe(true);
  }, WAIT);
}

function byId(ids: readonly string[]): string[] {
  return [...ids].sort(compareIds);
}

function mentionFields(n: InboundNotification | undefined) {
  if (n?.kind !== "mention") throw new Error(`expected a mention, got ${n?.kind}`);
  return n.mention;
}

describe("the listener on a Mastodon server", () => {
  it("hands a burst from the stream over in groups: fewer commits than notifications", async () => {
    const sink = new RecordingSink(server.fake.mention("alice", "old").notification!.id);
    const { listener: l, log } = await startListener(sink);
    await streamingSettled(l, log);
    const before = sink.handOvers.length;
    const wanted = Array.from(
      { length: 20 },
      (_, i) => server.fake.mention("alice", `Frage ${i}`).notification!.id,
    );
    await vi.waitFor(() => expect(sink.handledIds()).toEqual(expect.arrayContaining(wanted)), WAIT);
    const handOvers = sink.handOvers.slice(before);
    // Sent at once, they arrive in a few network reads, and masto yields them one by one.
    expect(handOvers.length).toBeLessThan(wanted.length);
    expect(handOvers.flat()).toEqual(wanted);
    expect(
      sink.received.filter((r) => wanted.includes(r.notification.id)).every((r) => r.source === "stream"),
    ).toBe(true);
  });

  it("hands a streamed mention to the sink with its fields; User-Agent on REST and on the upgrade", async () => {
    const sink = new RecordingSink(server.fake.mention("alice", "old").notification!.id);
    const { listener: l, log } = await startListener(sink);
    await streamingSettled(l, log);
    const parent = server.fake.mention("alice", "erste Frage").status;
    server.fake.notify("favourite", "alice", parent.id);
    const { status, notification } = server.fake.mention("bob@remote.example", "Wie widerspreche ich & wo?", {
      visibility: "unlisted",
      language: "de",
      inReplyTo: parent.id,
      spoilerText: "Meta",
    });
    await vi.waitFor(() => expect(sink.handledIds()).toContain(notification!.id), WAIT);
    const received = sink.received.find((r) => r.notification.id === notification!.id);
    expect(received?.source).toBe("stream");
    expect(mentionFields(received?.notification)).toEqual({
      notificationId: notification!.id,
      statusId: status.id,
      author: {
        id: server.fake.account("bob@remote.example").id,
        acct: "bob@remote.example",
        bot: false,
        note: "",
      },
      contentHtml: status.content,
      spoilerText: "Meta",
      language: "de",
      visibility: "unlisted",
      createdAt: status.createdAt,
      inReplyToId: parent.id,
      favourited: false,
    });
    expect(sink.received.map((r) => r.notification.kind)).not.toContain("other");
    expect(l.status().lastEventAt).toBeInstanceOf(Date);
    const agents = new Set(server.fake.requests.map((r) => r.headers["user-agent"]));
    expect([...agents]).toEqual([USER_AGENT]);
    expect(server.fake.requests.some((r) => r.upgrade && r.status === 101)).toBe(true);
  });

  it("reconnects after dropped streams and catches up what was said meanwhile, each mention once", async () => {
    const sink = new RecordingSink(server.fake.mention("alice", "old").notification!.id);
    const reconnects: number[] = [];
    const { listener: l } = await startListener(sink, {
      onReconnect: () => reconnects.push(1),
    });
    const expected: string[] = [];
    const say = (i: number) =>
      expected.push(server.fake.mention(i % 2 ? "alice" : "bob@remote.example", `q${i}`).notification!.id);
    for (let round = 0; round < 3; round++) {
      // A new connection each round (the flag alone may still describe the socket just cut).
      await vi.waitFor(() => {
        expect(server.fake.streamConnects()).toBe(round + 1);
        expect(l.status().connected).toBe(true);
      }, WAIT);
      for (let i = 0; i < 5; i++) say(round * 10 + i);
      // New stream events need not wait for the catch-up's pages (which may hang): any order.
      await vi.waitFor(() => expect(byId(sink.handledIds())).toEqual(expected), WAIT);
      expect(server.fake.dropStreams()).toBe(1);
      for (let i = 5; i < 10; i++) say(round * 10 + i); // nobody is listening now
    }
    await vi.waitFor(() => expect(byId(sink.handledIds())).toEqual(expected), WAIT);
    const caughtUp = sink.received.filter((r) => r.source === "catch-up").map((r) => r.notification.id);
    expect(caughtUp.length).toBeGreaterThanOrEqual(15);
    expect(caughtUp).toEqual(byId(caughtUp)); // catch-up hands over oldest first
    expect(sink.maxInFlight).toBe(1);
    expect(reconnects.length).toBeGreaterThanOrEqual(3);
    expect(l.status().reconnects).toBe(reconnects.length);
  });

  it("uses the token in the query string when the server refuses it as subprotocol", async () => {
    server.fake.switches.streaming = "refuse-subprotocol";
    const sink = new RecordingSink(server.fake.mention("alice", "old").notification!.id);
    const { listener: l, log } = await startListener(sink);
    await vi.waitFor(() => expect(l.status()).toMatchObject({ mode: "streaming", connected: true }), WAIT);
    const { notification } = server.fake.mention("alice", "hallo");
    await vi.waitFor(() => expect(sink.handledIds()).toContain(notification!.id), WAIT);
    const upgrades = server.fake.requests.filter((r) => r.upgrade);
    expect(upgrades.map((r) => r.status)).toEqual([401, 401, 101]);
    expect(new URLSearchParams(upgrades[2]?.query).get("access_token")).toBe(server.fake.token);
    expect(log.messages().filter((m) => m === "streaming: refused; trying another form")).toHaveLength(2);
  });

  it("works with a server that only honours the stream named in the URL", async () => {
    server.fake.switches.streaming = "url-stream-only";
    const sink = new RecordingSink(server.fake.mention("alice", "old").notification!.id);
    const { listener: l, log } = await startListener(sink);
    await streamingSettled(l, log);
    const { notification } = server.fake.mention("alice", "hallo");
    await vi.waitFor(() => expect(sink.handledIds()).toEqual([notification!.id]), WAIT);
    expect(sink.received[0]?.source).toBe("stream");
  });

  it("polls when the server has no streaming, and hands over the same notifications as the stream", async () => {
    const first = server.fake.mention("alice", "old").notification!.id;
    const streamed = new RecordingSink(first);
    const { listener: l, log: streamLog } = await startListener(streamed);
    await streamingSettled(l, streamLog);
    const expected = [
      server.fake.mention("alice", "privat", { visibility: "direct" }),
      server.fake.mention("bob@remote.example", "Frist?", { language: "de", visibility: "private" }),
    ].map((m) => m.notification!.id);
    server.fake.botFollows("alice"); // so that alice's DM passes the 4.3 notification policy
    expected.push(server.fake.mention("alice", "privat", { visibility: "direct" }).notification!.id);
    expected.push(server.fake.follow(server.fake.addAccount({ username: "carol" }))!.id);
    await vi.waitFor(() => expect(streamed.handledIds()).toEqual(expected.slice(1)), WAIT);
    await l.stop();

    server.fake.switches.streaming = "absent";
    const polled = new RecordingSink(first);
    const { listener: p, log } = await startListener(polled, { pollIntervalMs: 50 });
    expect(p.status().mode).toBe("polling");
    await vi.waitFor(() => expect(polled.handledIds()).toEqual(expected.slice(1)), WAIT);
    const later = server.fake.mention("alice", "noch eine Frage").notification!.id;
    await vi.waitFor(() => expect(polled.handledIds()).toContain(later), WAIT);
    expect(polled.received.slice(0, 3).map((r) => r.notification)).toEqual(
      streamed.received.map((r) => r.notification),
    );
    expect(new Set(streamed.received.map((r) => r.source))).toEqual(new Set(["stream"]));
    expect(new Set(polled.received.map((r) => r.source))).toEqual(new Set(["poll"]));
    expect(server.fake.requests.filter((r) => r.upgrade)).toHaveLength(1); // from the streaming run only
    expect(log.messages().filter((m) => m.includes("polling"))).toHaveLength(1);
  });

  it("on the first start answers only recent notifications and reports how far it looked", async () => {
    const skipped: string[] = [];
    const old = server.fake.mention("alice", "vor langer Zeit").notification!.id;
    const sink = new RecordingSink(null);
    server.fake.switches.streaming = "absent";
    await startListener(sink, {
      firstStartWindowMs: 60_000,
      now: () => new Date(Date.now() + 3_600_000),
      cursor: cursorOf(() => sink.cursor, skipped),
    });
    expect(sink.received).toEqual([]);
    expect(skipped).toEqual([old]);
  });
});
