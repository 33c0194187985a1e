import { describe, expect, it } from "vitest";
import type { MentionParent } from "../../src/domain/mention.js";
import type { HandledNotification } from "../../src/domain/notification.js";
import { withParents } from "../../src/mastodon/parent-enriching-sink.js";
import { SerialQueue } from "../../src/mastodon/serial-queue.js";
import { mention } from "../policy/mention-fixture.js";
import { RecordingSink } from "./helpers.js";

const PARENT: MentionParent = { content: "<p>Für Facebook …</p>", language: "de", fromBot: true };

function notification(id: string, inReplyToId: string | null): HandledNotification {
  return { kind: "mention", id, createdAt: new Date(), mention: { ...mention({ id }), inReplyToId } };
}

/** Parents answered by the test, one deferred promise per asked id. */
function parents() {
  const pending = new Map<string, (parent: MentionParent | null) => void>();
  const asked: string[] = [];
  return {
    asked,
    answer: (id: string, parent: MentionParent | null) => pending.get(id)!(parent),
    parentOf: (id: string) => {
      asked.push(id);
      return new Promise<MentionParent | null>((resolve) => pending.set(id, resolve));
    },
  };
}

const parentOf = (sink: RecordingSink, id: string) => {
  const received = sink.received.find((r) => r.notification.id === id)!.notification;
  return received.kind === "mention" ? received.mention.parent : undefined;
};

describe("withParents", () => {
  it("hands a reply over with its parent, once read", async () => {
    const sink = new RecordingSink();
    const source = parents();
    const handed = withParents(sink, source).notifications([notification("5", "s1")], "stream");
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.asked).toEqual(["s1"]);
    expect(sink.received).toEqual([]);
    source.answer("s1", PARENT);
    await handed;
    expect(parentOf(sink, "5")).toEqual(PARENT);
  });

  it("hands over without a parent what it could not read, and what replies to nothing", async () => {
    const sink = new RecordingSink();
    const source = parents();
    const enriched = withParents(sink, source);
    await enriched.notifications([notification("4", null)], "catch-up");
    const handed = enriched.notifications([notification("5", "s1")], "catch-up");
    await new Promise((resolve) => setImmediate(resolve));
    source.answer("s1", null);
    await handed;
    expect(source.asked).toEqual(["s1"]);
    expect(sink.handledIds()).toEqual(["4", "5"]);
    expect(parentOf(sink, "4")).toBeUndefined();
    expect(parentOf(sink, "5")).toBeUndefined();
  });

  it("keeps the listener's order: a later notification waits for the parent of an earlier one", async () => {
    const sink = new RecordingSink();
    const source = parents();
    const enriched = withParents(sink, source);
    const queue = new SerialQueue();
    const first = queue.push(() => enriched.notifications([notification("5", "s1")], "stream"));
    const second = queue.push(() => enriched.notifications([notification("6", null)], "stream"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sink.received).toEqual([]);
    source.answer("s1", PARENT);
    await Promise.all([first, second]);
    expect(sink.handledIds()).toEqual(["5", "6"]);
    expect(sink.maxInFlight).toBe(1);
  });

  it("passes deletions straight through", () => {
    const sink = new RecordingSink();
    withParents(sink, parents()).statusDeleted("s9");
    expect(sink.deleted).toEqual(["s9"]);
  });
});
