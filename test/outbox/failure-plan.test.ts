import { describe, expect, it } from "vitest";
import { ClientError, NetworkError, RateLimitedError, ServerError } from "../../src/outbox/errors.js";
import { type Gate, planFailure } from "../../src/outbox/failure-plan.js";
import type { OutboxItem } from "../../src/store/state-store.js";

const now = Date.parse("2025-05-20T10:00:00Z");
const item = {
  id: 1,
  kind: "post",
  attempts: 2,
  text: "@ann hi",
  deadlineAt: new Date(now + 7_200_000),
} as OutboxItem;
const open: Gate = { until: 0, hard: false, failures: 0 };
const options = {
  random: () => 0.5,
  backoff: { baseMs: 1_000, maxMs: 8_000, jitter: "equal" as const },
  minRateLimitWaitMs: 1_000,
};
const plan = (error: Parameters<typeof planFailure>[1], previous = open, stopping = false) =>
  planFailure(item, error, previous, now, { ...options, stopping });

describe("planFailure", () => {
  it("fails 4xx with the server's message", () => {
    expect(plan(new ClientError(422, "Validation failed: Text can't be blank"))).toEqual({
      kind: "fail",
      reason: "422 Validation failed: Text can't be blank",
    });
  });

  it("waits for a 429's reset without counting an attempt (nothing was created)", () => {
    const resetAt = new Date(now + 60_000);
    expect(plan(new RateLimitedError(resetAt, null))).toEqual({
      kind: "retry",
      at: now + 60_000,
      attempts: 2,
      gate: { until: now + 60_000, hard: true, failures: 1 },
    });
  });

  it("waits at least a doubling floor when the reset lies in the past by our clock, or is unknown", () => {
    const past = new RateLimitedError(new Date(now - 5_000), null);
    expect(plan(past, { until: 0, hard: true, failures: 2 })).toMatchObject({ at: now + 3_000 });
    expect(plan(new RateLimitedError(null, null))).toMatchObject({ at: now + 750, attempts: 2 });
  });

  it("backs off on 5xx, network errors and 401, counting an attempt so the next try looks first", () => {
    for (const error of [
      new ServerError(502, "Bad Gateway"),
      new NetworkError("reset"),
      new ClientError(401, "x"),
    ]) {
      expect(plan(error, { until: 0, hard: false, failures: 3 })).toEqual({
        kind: "retry",
        at: now + 6_000,
        attempts: 3,
        gate: { until: now + 6_000, hard: false, failures: 4 },
      });
    }
  });

  it("keeps the item due at once while the sender stops", () => {
    expect(plan(new NetworkError("aborted"), open, true)).toMatchObject({ at: now, attempts: 3 });
  });
});
