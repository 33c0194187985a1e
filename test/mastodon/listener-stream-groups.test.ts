/** Group commit on the receiving side: what the stream brings in one turn goes to the core together. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { NotificationListener } from "../../src/mastodon/notification-listener.js";
import type { StreamEvent } from "../../src/mastodon/stream-session.js";
import { FakeSessions, offlineListener } from "./fake-sessions.js";
import { RecordingSink } from "./helpers.js";

let sessions: FakeSessions;
let sink: RecordingSink;
let listener: NotificationListener | undefined;

beforeEach(() => {
  sessions = new FakeSessions();
  sink = new RecordingSink("100");
});

afterEach(async () => {
  await listener?.stop();
  listener = undefined;
});

async function streaming(): Promise<void> {
  listener = offlineListener(sessions, { sink });
  await listener.start();
  sessions.last().open();
}

/** Waits until the sink got `count` hand-overs. */
const handOvers = (count: number) =>
  vi.waitFor(() => expect(sink.handOvers.length).toBeGreaterThanOrEqual(count));

function mention(id: string): StreamEvent {
  const account = { id: "7", username: "alice", acct: "alice@remote.example", bot: false, note: "" };
  const status = {
    id: `s${id}`,
    createdAt: "2025-05-20T09:59:59.000Z",
    inReplyToId: null,
    visibility: "public",
    language: "de",
    content: "<p>@optout wie widerspreche ich?</p>",
    account,
  };
  return {
    kind: "notification",
    payload: { id, type: "mention", createdAt: "2025-05-20T09:59:59.000Z", account, status },
  };
}

describe("the stream's notifications", () => {
  it("are handed over together when they arrive in one turn, a deletion after what came before it", async () => {
    await streaming();
    const session = sessions.last();
    for (const id of ["101", "102", "103"]) session.emit(mention(id));
    session.emit({ kind: "delete", statusId: "s103" });
    for (const id of ["104", "105"]) session.emit(mention(id));
    await handOvers(3);
    expect(sink.handOvers).toEqual([["101", "102", "103"], ["delete:s103"], ["104", "105"]]);
    expect(sink.received.every((r) => r.source === "stream")).toBe(true);
  });

  it("are handed over one turn at a time: a later turn's make the next group", async () => {
    await streaming();
    const session = sessions.last();
    session.emit(mention("101"));
    session.emit(mention("102"));
    await handOvers(1);
    session.emit(mention("103"));
    await handOvers(2);
    expect(sink.handOvers).toEqual([["101", "102"], ["103"]]);
  });

  it("are handed over on stop when their turn has not come yet", async () => {
    await streaming();
    sessions.last().emit(mention("101"));
    await listener!.stop();
    expect(sink.handOvers).toEqual([["101"]]);
  });

  it("are handed over a few per turn in a burst, and the listener says it is receiving until stored", async () => {
    await streaming();
    const session = sessions.last();
    const ids = Array.from({ length: 12 }, (_, i) => String(101 + i));
    // What the sender would see while each group is being stored.
    const seen: boolean[] = [];
    const store = sink.notifications.bind(sink);
    sink.notifications = (batch, source) => {
      seen.push(listener!.receiving());
      return store(batch, source);
    };
    for (const id of ids) session.emit(mention(id));
    expect(listener!.receiving()).toBe(true);
    await vi.waitFor(() => expect(sink.handledIds()).toEqual(ids));
    // Receiving while more wait; not for the last group, whose end wakes the sender to send all.
    expect(seen.slice(0, -1).every(Boolean)).toBe(true);
    expect(seen.at(-1)).toBe(false);
    // Between groups the event loop turns, so replies go out while a burst is taken in.
    expect(sink.handOvers.length).toBeGreaterThan(1);
    expect(sink.handOvers.flat()).toEqual(ids);
    await vi.waitFor(() => expect(listener!.receiving()).toBe(false));
  });
});
