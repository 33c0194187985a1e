#!/usr/bin/env node
// Wiring: reads and checks the settings and the knowledge once, then starts the live bot or local mode.
import { startLocalApp } from "./app/local-app.js";
import type { RunningApp } from "./app/running-app.js";
import { StartupError } from "./app/startup-error.js";
import { loadEnvironment } from "./config/env-file.js";
import { loadStartupConfig, type StartupConfig } from "./config/load-startup-config.js";
import { ConfigError, EX_CONFIG } from "./domain/errors.js";
import { createLogger, type Logger } from "./observability/logger.js";
import { createMetrics } from "./observability/metrics.js";
import { StoreError } from "./store/store-errors.js";

/** How long a shutdown may take before the process exits anyway (docker stop waits 10 s). */
const SHUTDOWN_LIMIT_MS = 9_000;

/**
 * Until the bot runs, a stop request ends the process at once: nothing is sent yet, and the state
 * is crash-safe. Without a handler, PID 1 in a container would ignore SIGTERM until Docker kills it.
 */
function stopDuringStartUp(signal: NodeJS.Signals): void {
  process.exit(signal === "SIGINT" ? 130 : 143);
}

async function main(): Promise<void> {
  process.once("SIGTERM", stopDuringStartUp);
  process.once("SIGINT", stopDuringStartUp);
  let config: StartupConfig;
  try {
    config = loadStartupConfig(loadEnvironment(process.env));
  } catch (error) {
    return exitOnStartupError(error);
  }
  const { settings, knowledge, matcher } = config;
  const live = settings.mastodon !== undefined;
  // In local mode stdout carries the replies, so log lines go to stderr.
  const logger = createLogger({
    level: settings.logLevel,
    secrets: [settings.mastodon?.accessToken],
    ...(live ? {} : { destination: process.stderr }),
  });
  let app: RunningApp;
  try {
    const metrics = createMetrics();
    app = live
      ? await (await import("./app/live-app.js")).startLiveApp({
          settings,
          knowledge,
          matcher,
          logger,
          metrics,
        })
      : await startLocalApp({
          settings,
          knowledge,
          matcher,
          logger,
          metrics,
          input: process.stdin,
          output: process.stdout,
        });
  } catch (error) {
    return exitOnStartupError(error, logger);
  }
  const shutdown = onceShutdown(app, logger);
  process.removeListener("SIGTERM", stopDuringStartUp);
  process.removeListener("SIGINT", stopDuringStartUp);
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  app.done.then(
    () => shutdown("finished"),
    (error: unknown) => {
      logger.fatal({ err: error }, "the bot stopped because of an error");
      void shutdown("error", 1);
    },
  );
}

function onceShutdown(app: RunningApp, logger: Logger) {
  let started = false;
  return async (reason: string, code = 0): Promise<void> => {
    if (started) return;
    started = true;
    logger.info({ reason }, "shutting down");
    const limit = setTimeout(() => {
      logger.error("shutdown took too long; exiting anyway");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    limit.unref();
    try {
      await app.stop();
    } catch (error) {
      logger.error({ err: error }, "error during shutdown");
      code = 1;
    }
    logger.flush?.();
    process.exit(code);
  };
}

function exitOnStartupError(error: unknown, logger?: Logger): void {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EX_CONFIG);
  }
  // A StartupError or StoreError already says what to do (token refused, DATA_DIR locked, database
  // damaged): one plain line, not a stack trace with the cause repeated.
  if (logger && (error instanceof StartupError || error instanceof StoreError)) {
    logger.fatal(`could not start: ${error.message}`);
  } else if (logger) logger.fatal({ err: error }, "could not start");
  else process.stderr.write(`could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

void main();
