import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/mastodon/backoff.js";

const OPTIONS = { baseMs: 1_000, maxMs: 60_000 };

describe("backoffDelay", () => {
  it("doubles the ceiling per attempt and caps it", () => {
    const almostOne = () => 0.999_999;
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 20, 2000].map((a) => backoffDelay(a, OPTIONS, almostOne));
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999, 59999]);
  });

  it("jitters over the whole range (full jitter)", () => {
    expect(backoffDelay(3, OPTIONS, () => 0)).toBe(0);
    expect(backoffDelay(3, OPTIONS, () => 0.5)).toBe(4_000);
    expect(backoffDelay(3, OPTIONS, () => 0.25)).toBe(2_000);
  });
});
