import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/store/store-errors.js";
import { STORE_FAILURES_BEFORE_EXIT, StoreHealth } from "../../src/store/store-health.js";

const full = new StoreError("State store: acceptNotification failed: database or disk is full.");

/** Resolves with the give-up error, or "running" if it has not given up (yet). */
async function outcome(health: StoreHealth): Promise<unknown> {
  let result: unknown = "running";
  health.gaveUp.catch((error: unknown) => {
    result = error;
  });
  // setImmediate runs after every pending promise callback: a rejection has been seen by then.
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

describe("StoreHealth", () => {
  it("is ok until a failure, counts failures by operation, and is ok again after a write works", () => {
    const operations: string[] = [];
    const health = new StoreHealth({ onFailure: (operation) => operations.push(operation) });
    expect(health.status()).toEqual({ ok: true, consecutiveFailures: 0, lastError: null });
    health.failed("write", "acceptNotification", full);
    health.failed("write", "markSent", full);
    expect(health.status()).toEqual({ ok: false, consecutiveFailures: 2, lastError: full.message });
    expect(operations).toEqual(["acceptNotification", "markSent"]);
    health.succeeded("write");
    expect(health.status()).toEqual({ ok: true, consecutiveFailures: 0, lastError: null });
  });

  it("does not call a failing write healed by reads that work (a full disk still reads)", () => {
    const health = new StoreHealth();
    health.failed("write", "acceptNotification", full);
    health.succeeded("read");
    expect(health.status()).toMatchObject({ ok: false, consecutiveFailures: 1 });
    health.failed("write", "acceptNotification", full);
    expect(health.status().consecutiveFailures).toBe(2);
  });

  it("lets a read that works clear a failed read", () => {
    const health = new StoreHealth();
    health.failed("read", "nextDue", full);
    health.succeeded("read");
    expect(health.status().ok).toBe(true);
  });

  it(`gives up once, after ${STORE_FAILURES_BEFORE_EXIT} failures in a row, saying what to check`, async () => {
    const health = new StoreHealth();
    for (let i = 1; i < STORE_FAILURES_BEFORE_EXIT; i++) health.failed("write", "acceptNotification", full);
    health.succeeded("read");
    expect(await outcome(health)).toBe("running");
    health.failed("write", "markSent", full);
    const error = await outcome(health);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `failed ${STORE_FAILURES_BEFORE_EXIT} times in a row \\(last: .*disk is full.*Check the disk holding DATA_DIR`,
      ),
    );
    expect((error as Error).cause).toBe(full);
  });

  it("starts counting again after the store worked in between", async () => {
    const health = new StoreHealth({ failuresBeforeGiveUp: 3 });
    health.failed("write", "a", full);
    health.failed("write", "a", full);
    health.succeeded("write");
    health.failed("write", "a", full);
    health.failed("write", "a", full);
    expect(await outcome(health)).toBe("running");
    health.failed("write", "a", full);
    expect(await outcome(health)).toBeInstanceOf(StoreError);
  });
});
