import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, vi } from "vitest";
import { type LiveAppOptions, startLiveApp } from "../../src/app/live-app.js";
import type { RunningApp } from "../../src/app/running-app.js";
import { readSettings } from "../../src/config/env.js";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { compileMatcher } from "../../src/matcher/compile-matcher.js";
import { createLogger } from "../../src/observability/logger.js";
import { createMetrics, type Metrics } from "../../src/observability/metrics.js";
import { type FakeMastodon, type PostedStatus, startFakeMastodon } from "../support/fake-mastodon/index.js";
import { realKnowledge, realMatcher } from "../support/knowledge.js";

export interface BotUnderTest {
  readonly app: RunningApp;
  readonly dataDir: string;
  readonly metrics: Metrics;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  /** Collects every log line (debug and up) as written, instead of E2E_LOG_LEVEL to stderr. */
  readonly logLines?: string[];
  /** Overrides of the live app's timing knobs. */
  readonly tuning?: LiveAppOptions["tuning"];
  /** A config folder to load instead of the project's config/ (e.g. configWithFixtureLanguages()). */
  readonly configDir?: string;
}

/** Starts the real live bot in this process against the fake server, with its own data folder. */
export async function startBot(
  fake: FakeMastodon,
  env: Record<string, string> = {},
  options: StartBotOptions = {},
): Promise<BotUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), "optout-e2e-"));
  const settings = readSettings({
    MASTODON_URL: fake.url,
    MASTODON_ACCESS_TOKEN: fake.token,
    DATA_DIR: dataDir,
    HTTP_PORT: "0",
    HTTP_HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    ...env,
  });
  const metrics = createMetrics({ defaultMetrics: false });
  const knowledge =
    options.configDir === undefined
      ? realKnowledge()
      : loadKnowledge(defaultKnowledgePaths(options.configDir));
  const app = await startLiveApp({
    settings,
    knowledge,
    matcher: options.configDir === undefined ? realMatcher() : compileMatcher(knowledge),
    logger: createLogger(
      options.logLines
        ? {
            level: "debug",
            pretty: false,
            destination: { write: (line: string) => options.logLines?.push(line) },
          }
        : { level: process.env.E2E_LOG_LEVEL ?? "silent", destination: process.stderr },
    ),
    metrics,
    tuning: { outboxBackoff: { baseMs: 20, maxMs: 200 }, minRateLimitWaitMs: 10, ...options.tuning },
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    app,
    dataDir,
    metrics,
    async stop() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits (bounded) until the bot has posted `count` statuses replying to `statusId`. */
export async function repliesTo(fake: FakeMastodon, statusId: string, count = 1): Promise<PostedStatus[]> {
  return vi.waitFor(
    () => {
      const found = fake.posted.filter((p) => p.inReplyToId === statusId);
      if (found.length < count) throw new Error(`${found.length}/${count} replies to ${statusId}`);
      return found;
    },
    // A limit for a stuck bot only: a loaded machine may take seconds per reply.
    { timeout: 60_000, interval: 20 },
  );
}

/**
 * For a test file: `fake(options)` and `bot(fake, env)` start a fake server and a bot that are
 * stopped after each test, the bots first, however the test ends.
 */
export function useLiveBots() {
  const fakes: FakeMastodon[] = [];
  const bots: BotUnderTest[] = [];
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    for (const fake of fakes.splice(0)) await fake.close();
  });
  return {
    async fake(options?: Parameters<typeof startFakeMastodon>[0]): Promise<FakeMastodon> {
      const fake = await startFakeMastodon(options);
      fakes.push(fake);
      return fake;
    },
    async bot(
      fake: FakeMastodon,
      env?: Record<string, string>,
      options?: StartBotOptions,
    ): Promise<BotUnderTest> {
      const bot = await startBot(fake, env, options);
      bots.push(bot);
      return bot;
    },
  };
}
