import type { mastodon } from "masto";
import type { CatchUpCursor, HandledNotification, InboundSink } from "../domain/notification.js";
import type { BackoffOptions } from "../lib/backoff.js";
import type { Logger } from "../observability/logger.js";
import { CatchUpRunner } from "./catch-up-runner.js";
import type { ListenerStatus } from "./listener-status.js";
import { type ListNotifications, listNotificationsVia } from "./notification-pages.js";
import { SerialQueue } from "./serial-queue.js";
import type { ServerTime } from "./server-clock.js";
import type { StreamCandidate } from "./stream-candidates.js";
import { StreamLoop } from "./stream-loop.js";
import type { OpenStream, StreamEvent } from "./stream-session.js";
import { describeVariant } from "./stream-variants.js";
import { toInbound, warnIfWithoutAcct } from "./to-inbound.js";

export interface NotificationListenerOptions {
  readonly rest: mastodon.rest.Client;
  /** From the instance (`fetchInstanceInfo`); null: poll from the start. */
  readonly streamingUrl: string | null;
  /** `MASTODON_URL`: its origin is tried when the advertised streaming URL does not connect. */
  readonly serverUrl?: string;
  readonly accessToken: string;
  readonly sink: InboundSink;
  /** The cursor catch-up starts from: the newest notification whose outcome is stored. */
  readonly cursor: CatchUpCursor;
  readonly logger: Logger;
  /** Catch-up interval when there is no open stream (`POLL_INTERVAL`; the paging throttle is 300 / 15 min). */
  readonly pollIntervalMs: number;
  /** Catch-up interval while streaming, for anything the stream missed (default 5 min). */
  readonly catchUpIntervalMs?: number;
  /** Without a cursor (first start), only notifications this recent are answered (default 2 h). */
  readonly firstStartWindowMs?: number;
  /**
   * While polling, streaming is tried again at least this often (`STREAM_RETRY_INTERVAL`, default
   * 5 min): after every form was refused, and as the cap of the reconnect backoff.
   */
  readonly streamRetryIntervalMs?: number;
  /** Reconnect delays (default 1 s doubling up to the retry interval), with full jitter. */
  readonly backoff?: Omit<BackoffOptions, "jitter">;
  /** Consecutive failed connects (never opened) before polling meanwhile (default 3). */
  readonly maxConnectFailures?: number;
  readonly random?: () => number;
  readonly now?: () => Date;
  /** Called on every reconnect attempt (for the reconnects metric). */
  readonly onReconnect?: () => void;
  /** Opens one streaming connection; default masto's streaming client. Tests swap it. */
  readonly openStream?: OpenStream;
  /** The server's clock (its `Date` header), so that its `created_at` is read on ours. */
  readonly serverTime?: ServerTime;
  /** Lists one notifications page; default masto's REST client (`rest`). */
  readonly list?: ListNotifications;
}

export interface NotificationListener {
  /** Catches up once (resolves when done), then streams or polls until `stop()`. */
  start(): Promise<void>;
  /** Closes the stream and timers and waits for the notification being handled. */
  stop(): Promise<void>;
  status(): ListenerStatus;
  /** Whether notifications are being taken in: more arrived than the core is storing now. */
  receiving(): boolean;
}

/**
 * At most this many of the stream's notifications go to the core per turn of the event loop; the
 * rest wait for the next turn, so that the sender gets its turns during a burst.
 */
const GROUP_MAX = 5;

const STREAM_RETRY_INTERVAL_MS = 300_000;

export function createNotificationListener(options: NotificationListenerOptions): NotificationListener {
  return new Listener(options);
}

class Listener implements NotificationListener {
  private readonly queue = new SerialQueue();
  private readonly catchUps: CatchUpRunner;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly catchUpIntervalMs: number;
  private readonly streamRetryIntervalMs: number;
  private mode: ListenerStatus["mode"] = "connecting";
  private connected = false;
  private lastEventAt: Date | null = null;
  private reconnects = 0;
  /** The URL the stream last connected to (remembered for the process: reconnects go there). */
  private streamingUrl: string | null = null;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private stream: StreamLoop | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  /** Stream notifications waiting for the end of this event-loop turn (see handOverGroup). */
  private group: HandledNotification[] | null = null;

  constructor(private readonly options: NotificationListenerOptions) {
    this.now = options.now ?? (() => new Date());
    this.catchUps = new CatchUpRunner({
      queue: this.queue,
      list: options.list ?? listNotificationsVia(options.rest),
      sink: options.sink,
      cursor: options.cursor,
      logger: options.logger,
      now: this.now,
      firstStartWindowMs: options.firstStartWindowMs ?? 2 * 3_600_000,
      source: () => (this.mode === "polling" ? "poll" : "catch-up"),
      serverTime: options.serverTime,
    });
    this.pollIntervalMs = options.pollIntervalMs;
    this.catchUpIntervalMs = options.catchUpIntervalMs ?? 300_000;
    this.streamRetryIntervalMs = options.streamRetryIntervalMs ?? STREAM_RETRY_INTERVAL_MS;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { streamingUrl, logger } = this.options;
    if (streamingUrl === null) {
      this.mode = "polling";
      logger.warn({ pollIntervalMs: this.pollIntervalMs }, "streaming: the server advertises none; polling");
    } else {
      this.stream = this.streamLoop(streamingUrl);
      this.loopDone = this.stream.run();
    }
    this.timer = setInterval(() => this.tick(), this.pollIntervalMs);
    await this.catchUps.request();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.catchUps.stop();
    clearInterval(this.timer);
    this.stream?.stop();
    await this.loopDone;
    this.handOverGroup();
    await this.catchUps.idle();
    await this.queue.idle();
  }

  status(): ListenerStatus {
    return {
      mode: this.mode,
      connected: this.connected,
      lastEventAt: this.lastEventAt,
      lastCatchUpAt: this.catchUps.lastAt,
      lastCatchUpError: this.catchUps.lastError,
      reconnects: this.reconnects,
      streamingUrl: this.streamingUrl,
    };
  }

  /** Every poll interval: catch up, unless a stream is open and caught up recently. */
  private tick(): void {
    if (this.stopped) return;
    const sinceLast = this.now().getTime() - this.catchUps.lastStart;
    if (this.connected && sinceLast < this.catchUpIntervalMs) return;
    void this.catchUps.request();
  }

  /** `afterWorkingSession`: the session before delivered events or lasted, so a real gap is likely. */
  private onOpen(candidate: StreamCandidate, afterWorkingSession: boolean): void {
    if (this.stopped) return;
    this.connected = true;
    const wasStreaming = this.mode === "streaming";
    this.mode = "streaming";
    const changed = this.streamingUrl !== candidate.url;
    this.streamingUrl = candidate.url;
    const fields = { url: candidate.url, variant: describeVariant(candidate.variant) };
    // Which URL streams is said once, and again when it changes; a plain reconnect is routine.
    this.options.logger.info(
      changed ? { ...fields, advertised: this.options.streamingUrl } : fields,
      wasStreaming && !changed ? "streaming: reconnected" : "streaming: connected",
    );
    if (afterWorkingSession || this.catchUps.lastDelivered > 0) void this.catchUps.request();
    else this.catchUps.soon();
  }

  private onEvent(event: StreamEvent): void {
    if (this.stopped) return;
    const { sink, logger } = this.options;
    this.lastEventAt = this.now();
    if (event.kind === "delete") {
      this.handOverGroup(); // what came before the delete is handled before it
      this.queue
        .push(() => sink.statusDeleted(event.statusId))
        .catch((err: unknown) => {
          logger.error({ err, statusId: event.statusId }, "stream: handling a delete failed");
        });
      return;
    }
    const notification = toInbound(event.payload, this.now(), logger, this.options.serverTime?.aheadMs());
    if (notification === null) return;
    if (notification.kind === "other") {
      warnIfWithoutAcct(notification, logger);
      return;
    }
    if (this.group === null) {
      this.group = [];
      setImmediate(() => this.handOverGroup(GROUP_MAX));
    }
    this.group.push(notification);
  }

  /**
   * Group commit: the stream's notifications that arrive in one turn of the event loop (a burst
   * comes in a few network reads) go to the core together, so they cost one sync to disk: up to
   * `max` now, the rest in the next turn.
   */
  private handOverGroup(max = Number.POSITIVE_INFINITY): void {
    const waiting = this.group;
    if (waiting === null) return;
    const group = waiting.splice(0, max);
    if (waiting.length === 0) this.group = null;
    else setImmediate(() => this.handOverGroup(GROUP_MAX));
    if (group.length === 0) return;
    const { sink, logger } = this.options;
    this.queue
      .push(() => sink.notifications(group, "stream"))
      .catch((err: unknown) => {
        // Not lost: the cursor did not move past them, so a catch-up soon hands them over again.
        const ids = { firstId: group[0]!.id, lastId: group.at(-1)!.id, count: group.length };
        logger.error(
          { err, ...ids },
          "stream: handling notifications failed; a catch-up takes them in again",
        );
        this.catchUps.soon();
      });
  }

  receiving(): boolean {
    // The group being stored does not count: its end wakes the sender, which must not wait on it.
    return this.group !== null || this.queue.hasWaiting();
  }

  private streamLoop(advertisedUrl: string): StreamLoop {
    const { options } = this;
    return new StreamLoop({
      advertisedUrl,
      ...(options.serverUrl !== undefined ? { serverUrl: options.serverUrl } : {}),
      accessToken: options.accessToken,
      logger: options.logger,
      now: this.now,
      pollIntervalMs: this.pollIntervalMs,
      retryIntervalMs: this.streamRetryIntervalMs,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      maxConnectFailures: options.maxConnectFailures ?? 3,
      ...(options.random ? { random: options.random } : {}),
      ...(options.openStream ? { openStream: options.openStream } : {}),
      onOpen: (candidate, afterWorkingSession) => this.onOpen(candidate, afterWorkingSession),
      onEvent: (event) => this.onEvent(event),
      onClosed: () => {
        this.connected = false;
      },
      onPolling: () => {
        this.mode = "polling";
      },
      onReconnect: () => {
        this.reconnects += 1;
        options.onReconnect?.();
      },
    });
  }
}
