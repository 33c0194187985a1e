import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { STATE_FILE_NAME } from "../../src/store/open-state-store.js";
import { STORE_FAILURES_BEFORE_EXIT } from "../../src/store/store-health.js";
import { freePort } from "../docker/run-container.js";
import { repliesTo, useLiveBots } from "./live-harness.js";

const live = useLiveBots();
const WAIT = { timeout: 20_000, interval: 20 };

interface ReadyAnswer {
  status: number;
  body: {
    ready: boolean;
    detail: { store: { ok: boolean; consecutiveFailures: number; lastError: string | null } };
  };
}

async function readyz(port: number): Promise<ReadyAnswer> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: res.status, body: (await res.json()) as ReadyAnswer["body"] };
}

describe("the live bot when its store cannot write", () => {
  it("turns unready and counts the failures, and is ready again once a write works", async () => {
    const fake = await live.fake();
    fake.addAccount({ username: "alice" });
    fake.addAccount({ username: "bob" });
    const port = await freePort();
    const bot = await live.bot(fake, { HTTP_PORT: String(port) }, { tuning: { storeBusyTimeoutMs: 0 } });
    await fake.waitForSubscription();
    await vi.waitFor(async () => expect((await readyz(port)).status).toBe(200), WAIT);

    // Another connection holds the write lock: every write of the bot fails at once, as on a full disk.
    const blocker = new Database(join(bot.dataDir, STATE_FILE_NAME));
    try {
      blocker.exec("BEGIN IMMEDIATE");
      fake.mention("alice", "Wie widerspreche ich?");
      await vi.waitFor(async () => {
        const answer = await readyz(port);
        expect(answer.status).toBe(503);
        expect(answer.body.detail.store).toMatchObject({ ok: false });
        expect(answer.body.detail.store.lastError).toMatch(/acceptNotification failed: database is locked/);
      }, WAIT);
      const metrics = await bot.metrics.registry.metrics();
      expect(metrics).toMatch(/^optout_store_errors_total\{operation="acceptNotification"\} [1-9]/m);
    } finally {
      blocker.exec("ROLLBACK");
      blocker.close();
    }

    const { status } = fake.mention("bob", "Wie widerspreche ich?");
    await repliesTo(fake, status.id);
    await vi.waitFor(async () => expect(await readyz(port)).toMatchObject({ status: 200 }), WAIT);
  });

  it(`ends (done rejects, so main exits 1) after ${STORE_FAILURES_BEFORE_EXIT} store failures in a row`, async () => {
    const fake = await live.fake();
    const alice = fake.addAccount({ username: "alice" });
    const port = await freePort();
    const bot = await live.bot(fake, { HTTP_PORT: String(port) }, { tuning: { storeBusyTimeoutMs: 0 } });
    await fake.waitForSubscription();
    await vi.waitFor(async () => expect((await readyz(port)).status).toBe(200), WAIT);
    const blocker = new Database(join(bot.dataDir, STATE_FILE_NAME));
    try {
      blocker.exec("BEGIN IMMEDIATE");
      // One at a time: mentions that arrive together are taken in (and fail) together, as one.
      for (let i = 1; i < STORE_FAILURES_BEFORE_EXIT; i++) {
        fake.mention(alice, `Frage ${i}: Wie widerspreche ich?`);
        await vi.waitFor(async () => {
          const { store } = (await readyz(port)).body.detail;
          expect(store.consecutiveFailures).toBeGreaterThanOrEqual(i);
        }, WAIT);
      }
      fake.mention(alice, "Letzte Frage: Wie widerspreche ich?");
      await expect(bot.app.done).rejects.toThrow(
        new RegExp(`state store failed ${STORE_FAILURES_BEFORE_EXIT} times in a row .*database is locked`),
      );
    } finally {
      blocker.exec("ROLLBACK");
      blocker.close();
    }
  });
});
