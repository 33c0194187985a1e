import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/lib/backoff.js";

const almostOne = () => 0.999_999;

describe("backoffDelay with full jitter (reconnects)", () => {
  const options = { baseMs: 1_000, maxMs: 60_000, jitter: "full" } as const;

  it("doubles the ceiling per retry and caps it", () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 20, 2000].map((r) => backoffDelay(r, options, almostOne));
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999, 59999]);
  });

  it("jitters over the whole range", () => {
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(3, options, () => 0.5)).toBe(4_000);
    expect(backoffDelay(3, options, () => 0.25)).toBe(2_000);
  });
});

describe("backoffDelay with equal jitter (retries)", () => {
  const options = { baseMs: 1_000, maxMs: 10_000, jitter: "equal" } as const;

  it("doubles from the base, caps at the maximum, and jitters between half and all of it", () => {
    expect([0, 1, 2, 3, 4, 8].map((r) => backoffDelay(r, options, almostOne))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    expect([0, 1, 4].map((r) => backoffDelay(r, options, () => 0))).toEqual([500, 1_000, 5_000]);
  });

  it("survives absurd and negative retry counts", () => {
    expect(backoffDelay(1e9, options, () => 0)).toBe(5_000);
    expect(backoffDelay(-1, options, () => 0)).toBe(500);
  });
});
