import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";
import { expectEachAnsweredOnce, PATIENCE_MS, QUESTIONS } from "./exactly-once.js";

let fake: FakeMastodon | undefined;
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  child?.kill("SIGKILL");
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A small deterministic generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function startChild(server: FakeMastodon, dir: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      MASTODON_URL: server.url,
      MASTODON_ACCESS_TOKEN: server.token,
      DATA_DIR: dir,
      HTTP_PORT: "0",
      HTTP_HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      REPLIES_PER_ACCOUNT_PER_HOUR: "1000",
      REPLIES_PER_HOUR: "10000",
      POLL_INTERVAL: "1s",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

describe("a bot process killed at random moments", () => {
  it("answers every mention of a burst exactly once across ten SIGKILLs and restarts", async () => {
    fake = await startFakeMastodon({
      limits: { statuses: { limit: 100_000, windowMs: 3 * 3_600_000 } },
      // The strictest case: the server ignores Idempotency-Key, so only the bot's own records
      // and its look-up of earlier replies can prevent a double answer.
      switches: { honourIdempotency: false, latencyMs: 5 },
    });
    const server = fake;
    dataDir = mkdtempSync(join(tmpdir(), "optout-kill-"));
    const random = seeded(20250526);
    const people = Array.from({ length: 40 }, (_, i) => server.addAccount({ username: `k${i}` }));
    const ids: string[] = [];
    const ask = (n: number) => {
      for (let i = 0; i < n; i++) {
        const k = ids.length;
        ids.push(server.mention(people[k % people.length]!, QUESTIONS[k % QUESTIONS.length]!).status.id);
      }
    };

    for (let round = 0; round < 10; round++) {
      const postsBefore = server.posted.length;
      child = startChild(server, dataDir);
      ask(15);
      // Kill once the bot is visibly working, after a random extra moment.
      await vi.waitFor(() => expect(server.posted.length).toBeGreaterThan(postsBefore), {
        timeout: PATIENCE_MS,
      });
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
      ask(10);
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    child = startChild(server, dataDir);
    await expectEachAnsweredOnce(server, ids);
    expect(ids).toHaveLength(250);
  });
});
