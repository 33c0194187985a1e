import { afterEach, describe, expect, it, vi } from "vitest";
import { RequestTimeoutError, withDeadline } from "../../src/mastodon/request-deadline.js";

afterEach(() => vi.useRealTimers());

describe("withDeadline", () => {
  it("gives up a request that ignores its signal when the timer fires, and aborts the signal", async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    const result = withDeadline(1_000, (signal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    });
    const outcome = expect(result).rejects.toBeInstanceOf(RequestTimeoutError);
    await vi.advanceTimersByTimeAsync(1_000);
    await outcome;
    expect(seen?.reason).toBeInstanceOf(RequestTimeoutError);
  });

  it("stops at once on the caller's abort, with its reason, and leaves no timer behind", async () => {
    vi.useFakeTimers();
    const shutdown = new AbortController();
    const result = withDeadline(1_000, () => new Promise<never>(() => undefined), shutdown.signal);
    shutdown.abort(new Error("stopping"));
    await expect(result).rejects.toThrow("stopping");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes an answer through and clears its timer", async () => {
    vi.useFakeTimers();
    await expect(withDeadline(1_000, async () => "ok")).resolves.toBe("ok");
    expect(vi.getTimerCount()).toBe(0);
  });
});
