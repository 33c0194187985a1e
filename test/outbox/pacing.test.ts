import { describe, expect, it } from "vitest";
import { gateAfter } from "../../src/outbox/pacing.js";

describe("gateAfter", () => {
  const now = Date.parse("2025-05-20T10:00:00Z");
  const info = (limit: number, remaining: number, inMs: number) => ({
    limit,
    remaining,
    resetAt: new Date(now + inMs),
  });

  it("does not wait without headers or while plenty is left", () => {
    expect(gateAfter(null, now)).toEqual({ until: now, hard: false });
    expect(gateAfter(info(300, 31, 3_600_000), now)).toEqual({ until: now, hard: false });
  });

  it("spreads the remaining requests evenly until the reset once 10 % or less is left", () => {
    expect(gateAfter(info(300, 30, 3_100_000), now)).toEqual({ until: now + 100_000, hard: false });
    expect(gateAfter(info(300, 1, 60_000), now)).toEqual({ until: now + 30_000, hard: false });
  });

  it("waits for the reset when nothing is left, and not at all when the reset has passed", () => {
    expect(gateAfter(info(300, 0, 60_000), now)).toEqual({ until: now + 60_000, hard: true });
    expect(gateAfter(info(300, 0, -1), now)).toEqual({ until: now, hard: false });
  });

  it("does not spread when the reset is at most `spreadBeyondMs` away (10 s by default)", () => {
    expect(gateAfter(info(100, 5, 900), now)).toEqual({ until: now, hard: false });
    expect(gateAfter(info(300, 1, 10_000), now)).toEqual({ until: now, hard: false });
    expect(gateAfter(info(300, 1, 10_001), now)).toEqual({ until: now + 5_001, hard: false });
    expect(gateAfter(info(100, 0, 900), now)).toEqual({ until: now + 900, hard: true });
    expect(gateAfter(info(300, 1, 60_000), now, { spreadBeyondMs: 60_000 }).until).toBe(now);
  });

  it("takes the share from the options, with at least one request", () => {
    expect(gateAfter(info(10, 5, 60_000), now, { lowShare: 0.5 }).until).toBe(now + 10_000);
    expect(gateAfter(info(10, 1, 60_000), now, { lowShare: 0 }).until).toBe(now + 30_000);
    expect(gateAfter(info(10, 2, 60_000), now, { lowShare: 0 }).until).toBe(now);
  });
});
