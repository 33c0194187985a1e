import { MastoHttpError } from "masto";
import { FirstStartCheck } from "../bot/first-start-check.js";
import { NotificationCursor } from "../bot/notification-cursor.js";
import { NotificationHandler } from "../bot/notification-handler.js";
import type { Settings } from "../config/settings.js";
import { ConfigError } from "../domain/errors.js";
import { startHealthServer } from "../http/health-server.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { createRestClient } from "../mastodon/create-rest-client.js";
import { findEarlierAnswers } from "../mastodon/earlier-answers.js";
import { fetchInstanceInfo } from "../mastodon/instance-info.js";
import { createNotificationListener } from "../mastodon/notification-listener.js";
import { listNotificationsVia } from "../mastodon/notification-pages.js";
import { withParents } from "../mastodon/parent-enriching-sink.js";
import { fetchStatusVia, ParentFetcher } from "../mastodon/parent-fetcher.js";
import { describeNetworkFailure } from "../mastodon/poster-errors.js";
import { RestStatusPoster } from "../mastodon/rest-poster.js";
import { ServerClock } from "../mastodon/server-clock.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import type { Logger } from "../observability/logger.js";
import type { Metrics } from "../observability/metrics.js";
import { metricsHooks } from "../outbox/outbox-hooks.js";
import { OutboxSender } from "../outbox/outbox-sender.js";
import { createReminderScheduler } from "../reminders/reminder-scheduler.js";
import { openStateStore } from "../store/open-state-store.js";
import { StoreHealth } from "../store/store-health.js";
import type { RunningApp } from "./running-app.js";
import { StartupError } from "./startup-error.js";

export interface LiveAppOptions {
  readonly settings: Settings;
  readonly knowledge: Knowledge;
  readonly matcher: CompiledMatcher;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Internal timings, for tests that must not wait minutes; operators have no need for them. */
  readonly tuning?: {
    readonly outboxBackoff?: { readonly baseMs: number; readonly maxMs: number };
    readonly minRateLimitWaitMs?: number;
    readonly storeBusyTimeoutMs?: number;
    /** How long one request to the server may take (default REQUEST_TIMEOUT_MS). */
    readonly requestTimeoutMs?: number;
  };
}

const REQUEST_TIMEOUT_MS = 15_000;
const PRUNE_EVERY_MS = 6 * 3_600_000;
const KEEP_DAYS = 7;
/** The listener catches up at least every 5 minutes while the stream is down or reconnecting. */
const CATCH_UP_FRESH_MS = 11 * 60_000;

/** The live bot: receives mentions, queues replies durably, sends them, posts reminders. */
export async function startLiveApp(deps: LiveAppOptions): Promise<RunningApp> {
  const { settings, knowledge, matcher, logger, metrics } = deps;
  const mastodon = settings.mastodon!;
  const requestTimeoutMs = deps.tuning?.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const rest = createRestClient({
    url: mastodon.url,
    accessToken: mastodon.accessToken,
    timeoutMs: requestTimeoutMs,
  });
  // The server's clock, from the first answer on: a first start's window depends on it.
  const serverClock = new ServerClock(logger);
  const me = await rest.v1.accounts.verifyCredentials
    .$raw()
    .then((response) => {
      serverClock.observe(response?.headers);
      return response?.data;
    })
    .catch((error: unknown) => {
      throw new StartupError(explainCredentialsFailure(mastodon.url, error), { cause: error });
    });
  // A wrong URL can answer 200 with an HTML page, which masto resolves as undefined.
  if (typeof me?.id !== "string" || typeof me.acct !== "string" || typeof me.username !== "string") {
    throw new StartupError(`${mastodon.url} did not answer like a Mastodon server: check MASTODON_URL.`);
  }
  const instance = await fetchInstanceInfo(rest, logger);
  const limits = {
    maxCharacters: instance.maxCharacters,
    charactersReservedPerUrl: instance.charactersReservedPerUrl,
  };
  logger.info({ account: me.acct, id: me.id, ...limits, streaming: instance.streamingUrl }, "connected");

  // Store failures make the bot unready and count; too many in a row end it (`done` rejects).
  const storeHealth = new StoreHealth({ onFailure: (operation) => metrics.storeErrors.inc({ operation }) });
  const store = openStateStore({
    dataDir: settings.dataDir,
    logger,
    observer: storeHealth,
    ...(deps.tuning?.storeBusyTimeoutMs !== undefined
      ? { busyTimeoutMs: deps.tuning.storeBusyTimeoutMs }
      : {}),
  });
  const now = () => new Date();
  const sender = new OutboxSender({
    store,
    poster: new RestStatusPoster({ client: rest, timeoutMs: requestTimeoutMs, serverClock }),
    botAccountId: me.id,
    logger,
    hooks: metricsHooks(metrics),
    stopTimeoutMs: 5_000,
    budget: { repliesPerHour: settings.repliesPerHour },
    // Created below; the sender asks only once started, after it.
    receiving: () => listener.receiving(),
    ...(deps.tuning?.outboxBackoff ? { backoff: deps.tuning.outboxBackoff } : {}),
    ...(deps.tuning?.minRateLimitWaitMs !== undefined
      ? { minRateLimitWaitMs: deps.tuning.minRateLimitWaitMs }
      : {}),
  });
  const cursor = new NotificationCursor(store, now);
  const handler = new NotificationHandler({
    store,
    cursor,
    knowledge,
    matcher,
    botAccountId: me.id,
    // Posts address the bot by its real handle, whatever the rules' default name.
    botUsername: me.username,
    options: settings,
    limits,
    logger,
    now,
    wake: () => sender.notify(),
    hooks: {
      onMention: () => metrics.mentionsReceived.inc(),
      onIgnored: (reason) => metrics.mentionsIgnored.inc({ reason }),
    },
  });
  // Thread replies reach the handler with the post they answer, read here (the handler does no I/O).
  const threaded = withParents(
    handler,
    new ParentFetcher({ fetchStatus: fetchStatusVia(rest), botAccountId: me.id, logger }),
  );
  // No cursor: a new bot or a lost data folder; earlier runs' replies are not repeated.
  const firstStart =
    cursor.cursor() === null
      ? new FirstStartCheck({
          sink: threaded,
          cursor,
          answered: await findEarlierAnswers({
            rest,
            botAccountId: me.id,
            since: new Date(now().getTime() - settings.replyMaxDelayMs),
            logger,
            serverAheadMs: serverClock.aheadMs(),
          }),
          logger,
          now,
        })
      : null;
  const listener = createNotificationListener({
    rest,
    list: listNotificationsVia(rest, requestTimeoutMs),
    serverTime: serverClock,
    streamingUrl: instance.streamingUrl,
    serverUrl: mastodon.url,
    accessToken: mastodon.accessToken,
    sink: firstStart ?? threaded,
    cursor,
    logger,
    pollIntervalMs: settings.pollIntervalMs,
    streamRetryIntervalMs: settings.streamRetryIntervalMs,
    firstStartWindowMs: settings.replyMaxDelayMs,
    onReconnect: () => metrics.reconnects.inc(),
  });
  const reminders = startableReminders(
    () =>
      createReminderScheduler({
        knowledge,
        store,
        logger,
        limits,
        graceMs: settings.reminderGraceMs,
        onQueued: () => sender.notify(),
      }),
    logger,
  );
  const health = await startHealthServer({
    port: settings.httpPort,
    host: settings.httpHost,
    metrics,
    readiness: () => {
      const status = listener.status();
      // Between reconnects catch-up keeps mentions coming; a recent good catch-up counts.
      const recent = Math.max(3 * settings.pollIntervalMs, CATCH_UP_FRESH_MS);
      const caughtUp =
        status.lastCatchUpError === null &&
        status.lastCatchUpAt !== null &&
        now().getTime() - status.lastCatchUpAt.getTime() <= recent;
      // A sender loop that died would leave every reply queued: not ready.
      const outbox = sender.status();
      // A store that fails cannot take mentions in or record replies, whatever else works.
      const storeStatus = storeHealth.status();
      return {
        ready: (status.connected || caughtUp) && outbox.alive && storeStatus.ok,
        detail: {
          ...status,
          outbox,
          store: storeStatus,
          outboxDepth: storeStatus.ok ? store.pendingCount() : null,
        },
      };
    },
    logger,
  });

  sender.start();
  await listener.start();
  firstStart?.finish();
  reminders.start();
  // Once at start too: a bot restarted more often than every PRUNE_EVERY_MS would never prune.
  const prune = () => {
    try {
      const removed = store.prune(now(), { keepDays: KEEP_DAYS, keepUnmatchedMs: settings.keepUnmatchedMs });
      const level = Object.values(removed).some((n) => n > 0) ? "info" : "debug";
      logger[level]({ removed }, "pruned old state");
    } catch (error) {
      logger.error({ err: error }, "pruning the state store failed");
    }
  };
  prune();
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  pruneTimer.unref();

  let stopped = false;
  return {
    // The live bot runs until it is stopped, or until its store keeps failing.
    done: storeHealth.gaveUp,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(pruneTimer);
      reminders.stop();
      try {
        // Receiving and sending stop together, so that both fit in docker stop's 10 s.
        await Promise.allSettled([listener.stop(), sender.stop(), health.close()]);
      } finally {
        store.close();
      }
    },
  };
}

/**
 * Reminder texts that do not fit this instance's limit must not stop the bot from answering:
 * it runs without reminders and says why (`npm run cli -- check` shows it too).
 */
function startableReminders(create: () => { start(): void; stop(): void }, logger: Logger) {
  try {
    return create();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error({ problems: error.problems }, "reminders are off: their texts do not fit this instance");
    return { start() {}, stop() {} };
  }
}

function explainCredentialsFailure(url: string, error: unknown): string {
  if (error instanceof MastoHttpError && error.statusCode === 401) {
    return `MASTODON_ACCESS_TOKEN was refused by ${url} (401 ${error.message}): create a new token for the bot account.`;
  }
  if (error instanceof MastoHttpError) {
    return `${url} answered ${error.statusCode} (${error.message}) when the bot checked its account.`;
  }
  return `Cannot reach ${url} (${describeNetworkFailure(error)}): check MASTODON_URL and the network.`;
}
