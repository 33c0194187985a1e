import type { CatchUpCursor, InboundSink } from "../domain/notification.js";
import type { Logger } from "../observability/logger.js";
import { type CatchUpOptions, catchUp } from "./catch-up.js";
import type { ListNotifications } from "./notification-pages.js";
import type { SerialQueue } from "./serial-queue.js";
import type { ServerTime } from "./server-clock.js";

/**
 * A connect catches up at once when a gap is likely (the first connect, after a session that worked,
 * or while catch-ups find notifications); otherwise only this long after the last catch-up ended
 * (deferred, not skipped): a stream that drops right after connecting must not spend the paging
 * budget (300 per 15 min) and the token's request budget shared with posting.
 */
const MIN_CATCH_UP_GAP_MS = 30_000;

export interface CatchUpRunnerOptions {
  /**
   * Shared with stream events, so that the sink sees one notification at a time. Only hand-overs
   * go through it, never page requests: a page that hangs must not hold stream events back.
   */
  readonly queue: SerialQueue;
  readonly list: ListNotifications;
  readonly sink: InboundSink;
  /** Where each run starts, and how it passes over what needs no answer. */
  readonly cursor: CatchUpCursor;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly firstStartWindowMs: number;
  /** The server's clock, for a first start's window; default: the same as ours. */
  readonly serverTime?: ServerTime | undefined;
  /** `poll` while there is no stream, else `catch-up`. */
  readonly source: () => "poll" | "catch-up";
}

/** Runs the listener's catch-ups: one at a time, coalesced, deferred when one just ended, stoppable. */
export class CatchUpRunner {
  lastAt: Date | null = null;
  lastError: string | null = null;
  /** When the last run started (ms), for the periodic trigger. */
  lastStart = Number.NEGATIVE_INFINITY;
  /** Notifications the last successful run handed over. */
  lastDelivered = 0;
  private lastEnd = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> | undefined;
  /** The run under way and any waiting one: runs go one at a time. */
  private chain: Promise<void> = Promise.resolve();
  private deferred: NodeJS.Timeout | undefined;
  private readonly stopping = new AbortController();
  private readonly handOver: CatchUpOptions["sink"];

  constructor(private readonly options: CatchUpRunnerOptions) {
    const { queue, sink } = options;
    this.handOver = { notifications: (batch, source) => queue.push(() => sink.notifications(batch, source)) };
  }

  /** Starts a catch-up after the one under way, if any; one waiting run serves every request. */
  request(): Promise<void> {
    if (this.pending) return this.pending;
    const run = this.chain.then(async () => {
      this.pending = undefined;
      if (!this.stopping.signal.aborted) await this.run();
    });
    this.pending = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the run under way (ended early by `stop()`) and any waiting one are over. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Catches up now, or once MIN_CATCH_UP_GAP_MS have passed since the last catch-up ended. */
  soon(): void {
    if (this.stopping.signal.aborted || this.deferred) return;
    const waitMs = this.lastEnd + MIN_CATCH_UP_GAP_MS - this.options.now().getTime();
    if (waitMs <= 0) {
      void this.request();
      return;
    }
    this.options.logger.debug({ waitMs }, "catch-up: deferred; the last one ended moments ago");
    this.deferred = setTimeout(() => {
      this.deferred = undefined;
      this.soon();
    }, waitMs);
  }

  /** A run under way ends after the notification being handed over; nothing more is started. */
  stop(): void {
    this.stopping.abort();
    clearTimeout(this.deferred);
  }

  private async run(): Promise<void> {
    const failed = !(await this.attempt());
    // What could not be handed over (a store failure, a lost page) is fetched again within
    // MIN_CATCH_UP_GAP_MS, not only at the next periodic catch-up minutes later.
    if (failed) this.soon();
  }

  /** One catch-up; false when it failed. */
  private async attempt(): Promise<boolean> {
    const { cursor, logger, list } = this.options;
    const now = this.options.now();
    this.lastStart = now.getTime();
    const source = this.options.source();
    try {
      const result = await catchUp({
        list,
        sink: this.handOver,
        cursor: cursor.cursor(),
        source,
        since: new Date(now.getTime() - this.options.firstStartWindowMs),
        now,
        logger,
        signal: this.stopping.signal,
        skipTo: (id) => cursor.skipTo(id),
        serverAheadMs: this.options.serverTime?.aheadMs() ?? 0,
      });
      this.lastAt = this.options.now();
      this.lastError = null;
      this.lastDelivered = result.delivered;
      const fields = {
        source,
        delivered: result.delivered,
        requests: result.requests,
        newestId: result.newestId,
      };
      // Polling hands over every mention this way; the handler logs each one already.
      if (result.delivered > 0 && source !== "poll")
        logger.info(fields, "catch-up: handed over missed notifications");
      else
        logger.debug(
          fields,
          result.delivered > 0 ? "poll: handed over new notifications" : "catch-up: nothing new",
        );
      return true;
    } catch (error) {
      if (this.stopping.signal.aborted) {
        logger.debug({ source }, "catch-up: stopped by shutdown; the next start goes on from the cursor");
        return true;
      }
      this.lastError = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error, source }, "catch-up: failed; retried soon");
      return false;
    } finally {
      this.lastEnd = this.options.now().getTime();
    }
  }
}
