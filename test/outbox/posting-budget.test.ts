import { describe, expect, it } from "vitest";
import {
  admission,
  holdWhileReceiving,
  RECEIVING_RECHECK_MS,
  REPLY_CAP_WINDOW_MS,
} from "../../src/outbox/posting-budget.js";

const NOW = Date.parse("2025-05-20T10:00:00Z");
const MINUTE = 60_000;
/** `count` replies sent one a minute, the newest a minute ago. */
const sentEveryMinute = (count: number) =>
  Array.from({ length: count }, (_, i) => new Date(NOW - (count - i) * MINUTE));
const window = (remaining: number, limit = 300, resetInMs = 30 * MINUTE) => ({
  remaining,
  limit,
  resetAt: new Date(NOW + resetInMs),
});

describe("admission: the posting budget", () => {
  it("lets everything through without a cap and with the server's window plentiful", () => {
    expect(admission({ sentReplies: sentEveryMinute(500), statuses: window(61), now: NOW })).toEqual({
      admit: "all",
      until: null,
    });
  });

  it("keeps the cap's last 20% for priority posts, until the reply that filled it is an hour old", () => {
    const options = { repliesPerHour: 10 };
    expect(admission({ sentReplies: sentEveryMinute(7), statuses: null, now: NOW }, options).admit).toBe(
      "all",
    );
    // 8 of 10: the 8th-newest (the oldest here) leaving the hour reopens it.
    const sent = sentEveryMinute(8);
    expect(admission({ sentReplies: sent, statuses: null, now: NOW }, options)).toEqual({
      admit: "priority",
      until: sent[0]!.getTime() + REPLY_CAP_WINDOW_MS,
    });
  });

  it("holds all replies once the cap is reached, until the oldest that counts leaves the hour", () => {
    const sent = sentEveryMinute(12);
    expect(admission({ sentReplies: sent, statuses: null, now: NOW }, { repliesPerHour: 10 })).toEqual({
      admit: "no-replies",
      until: sent[2]!.getTime() + REPLY_CAP_WINDOW_MS,
    });
  });

  it("counts only the replies of the last hour", () => {
    const old = [new Date(NOW - REPLY_CAP_WINDOW_MS - 1), new Date(NOW - REPLY_CAP_WINDOW_MS - 2)];
    const input = { sentReplies: [...old, ...sentEveryMinute(1)], statuses: null, now: NOW };
    expect(admission(input, { repliesPerHour: 2, reserveShare: 0 }).admit).toBe("all");
  });

  it("keeps the server window's last 20% for priority posts until its reset", () => {
    const input = { sentReplies: [], statuses: window(60), now: NOW };
    expect(admission(input)).toEqual({ admit: "priority", until: NOW + 30 * MINUTE });
    expect(admission({ ...input, statuses: window(60, 300, 0) }).admit).toBe("all");
    expect(admission({ ...input, statuses: window(60) }, { reserveShare: 0.1 }).admit).toBe("all");
  });

  it("does not reserve a window that resets within seconds: a per-second cap must not slow bursts", () => {
    const input = { sentReplies: [], statuses: window(10, 100, 1_000), now: NOW };
    expect(admission(input)).toEqual({ admit: "all", until: null });
    expect(admission({ ...input, statuses: window(10, 100, 10_001) }).admit).toBe("priority");
    expect(admission(input, { reserveBeyondMs: 500 }).admit).toBe("priority");
  });

  it("takes the strictest hold and wakes at the first that may lift", () => {
    const sent = sentEveryMinute(10);
    const input = { sentReplies: sent, statuses: window(10, 300, 5 * MINUTE), now: NOW };
    expect(admission(input, { repliesPerHour: 10 })).toEqual({
      admit: "no-replies",
      until: NOW + 5 * MINUTE,
    });
  });
});

describe("holdWhileReceiving", () => {
  it("lets only priority posts go while mentions come in, and looks again soon; a stricter hold stays", () => {
    expect(holdWhileReceiving({ admit: "all", until: null }, 1_000)).toEqual({
      admit: "priority",
      until: 1_000 + RECEIVING_RECHECK_MS,
    });
    const capped = { admit: "no-replies", until: 5_000 } as const;
    expect(holdWhileReceiving(capped, 1_000)).toBe(capped);
    const reserved = { admit: "priority", until: 9_000 } as const;
    expect(holdWhileReceiving(reserved, 1_000)).toBe(reserved);
  });
});
