import { describe, expect, it, vi } from "vitest";
import type { InboundNotification, NotificationSource } from "../../src/domain/notification.js";
import type { NotificationListenerOptions } from "../../src/mastodon/notification-listener.js";
import { StoreError } from "../../src/store/store-errors.js";
import { RecordingSink } from "./helpers.js";
import { listenerOnFake } from "./listener-on-fake.js";

// masto waits 1 s before every connect: allow a few of them per condition.
const WAIT = { timeout: 10_000, interval: 20 };

const server = listenerOnFake();

/** A sink whose next `failures` hand-overs throw, as the handler does when the store cannot write. */
class FailingSink extends RecordingSink {
  failures = 0;

  override async notifications(
    batch: readonly InboundNotification[],
    source: NotificationSource,
  ): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new StoreError("State store: acceptNotification failed: database or disk is full.");
    }
    return super.notifications(batch, source);
  }
}

/**
 * A clock that moves 31 s on every reading: more than the runner's gap between catch-ups, so a
 * catch-up asked for "soon" starts at once. No periodic catch-up fires (the interval is an hour).
 */
function tickingClock(): () => Date {
  let readings = 0;
  const start = Date.now();
  return () => new Date(start + 31_000 * ++readings);
}

async function startListener(sink: RecordingSink, extra: Partial<NotificationListenerOptions> = {}) {
  const { listener: l, log } = await server.start(sink, {
    catchUpIntervalMs: 3_600_000,
    now: tickingClock(),
    ...extra,
  });
  return { l, log };
}

describe("the listener when the store cannot take a notification", () => {
  it("catches up soon after a streamed notification could not be handed over", async () => {
    const sink = new FailingSink(server.fake.mention("alice", "old").notification!.id);
    const { l, log } = await startListener(sink);
    // Connected, and the catch-up after the connect is done: the next mention comes by stream.
    await vi.waitFor(() => {
      expect(l.status()).toMatchObject({ mode: "streaming", connected: true });
      const messages = log.messages();
      const connectedAt = messages.lastIndexOf("streaming: connected");
      expect(connectedAt).toBeGreaterThanOrEqual(0);
      expect(messages.slice(connectedAt).some((m) => m.startsWith("catch-up:"))).toBe(true);
    }, WAIT);
    sink.failures = 1;
    const { notification } = server.fake.mention("alice", "Wie widerspreche ich?");
    await vi.waitFor(() => expect(sink.handledIds()).toContain(notification!.id), WAIT);
    expect(sink.failures).toBe(0);
    expect(log.messages()).toContain("stream: handling notifications failed; a catch-up takes them in again");
    expect(sink.received.find((r) => r.notification.id === notification!.id)?.source).toBe("catch-up");
  });

  it("retries a catch-up whose hand-over failed soon, not only at the next periodic one", async () => {
    const sink = new FailingSink(server.fake.mention("alice", "old").notification!.id);
    const { notification } = server.fake.mention("alice", "Wie widerspreche ich?");
    sink.failures = 1;
    // No stream: a connect would catch up by itself and hide the retry.
    await startListener(sink, { streamingUrl: null });
    expect(sink.handledIds()).not.toContain(notification!.id);
    await vi.waitFor(() => expect(sink.handledIds()).toEqual([notification!.id]), WAIT);
    expect(sink.received.map((r) => r.source)).toEqual(["poll"]);
  });
});
