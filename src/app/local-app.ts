import type { Settings } from "../config/settings.js";
import { startHealthServer } from "../http/health-server.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import type { Logger } from "../observability/logger.js";
import type { Metrics } from "../observability/metrics.js";
import { createConsoleReminderSink } from "../reminders/console-reminder-sink.js";
import { createReminderScheduler } from "../reminders/reminder-scheduler.js";
import { IN_MEMORY } from "../store/sqlite-database.js";
import { SqliteStateStore } from "../store/sqlite-store.js";
import { runLocalMode } from "./local-mode.js";
import type { RunningApp } from "./running-app.js";

export interface LocalAppOptions {
  readonly settings: Settings;
  readonly knowledge: Knowledge;
  readonly matcher: CompiledMatcher;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: NodeJS.WritableStream;
}

/** Local mode: answers stdin lines on stdout; `done` resolves when stdin ends. */
export async function startLocalApp(deps: LocalAppOptions): Promise<RunningApp> {
  const { settings, logger } = deps;
  // Local mode is for trying the bot out: a busy port must not stop it.
  const health = await startHealthServer({
    port: settings.httpPort,
    host: settings.httpHost,
    metrics: deps.metrics,
    readiness: () => ({ ready: true, detail: { mode: "local" } }),
    logger,
  }).catch((error: unknown) => {
    logger.warn(
      { err: error, port: settings.httpPort },
      "health server not started (set HTTP_PORT to another port)",
    );
    return undefined;
  });
  logger.info("no MASTODON_URL and MASTODON_ACCESS_TOKEN: local mode, answering lines from standard input");
  // Due reminders are printed as they fire; nothing is kept once the process ends.
  const store = SqliteStateStore.open(IN_MEMORY);
  const reminders = createReminderScheduler({
    knowledge: deps.knowledge,
    store,
    logger,
    graceMs: settings.reminderGraceMs,
    enqueue: false,
    onQueued: createConsoleReminderSink(deps.output, deps.knowledge.timeZone),
  });
  reminders.start();
  const done = runLocalMode({
    input: deps.input,
    output: deps.output,
    knowledge: deps.knowledge,
    matcher: deps.matcher,
    store,
    policy: settings,
    now: () => new Date(),
  }).then((answered) => logger.info({ answered }, "standard input ended"));
  return {
    done,
    stop: async () => {
      reminders.stop();
      store.close();
      await health?.close();
    },
  };
}
