import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

/** Prefix of every metric name, so the bot's series are easy to find next to others. */
export const METRIC_PREFIX = "optout_";

/** The bot's counters and gauges, on a registry of its own (never prom-client's global one). */
export interface Metrics {
  readonly registry: Registry;
  /** Mentions taken in (stream, catch-up or polling), after de-duplication. */
  readonly mentionsReceived: Counter;
  /** Mentions that got no reply, by reason: `self`, `bot`, `too-old`, `cooldown`, `menu-cooldown`, `unasked`, `error`. */
  readonly mentionsIgnored: Counter<"reason">;
  /** Reply posts created on the server (each post of a thread counts). */
  readonly repliesPosted: Counter;
  /** Statuses favourited instead of answered (thanks). */
  readonly favourites: Counter;
  /** Replies dropped because they could not go out within REPLY_MAX_DELAY. */
  readonly repliesExpired: Counter;
  /** Deadline reminders posted. */
  readonly remindersPosted: Counter;
  /** Streaming reconnect attempts. */
  readonly reconnects: Counter;
  /** Failed API requests by HTTP status (`"network"` when there was no response). */
  readonly apiErrors: Counter<"status">;
  /** State store reads and writes that failed, by operation (e.g. `acceptNotification`, `markSent`). */
  readonly storeErrors: Counter<"operation">;
  /** Replies waiting in the outbox. */
  readonly outboxDepth: Gauge;
  /** `X-RateLimit-Remaining` of the last response, by endpoint family (e.g. `statuses`, `notifications`). */
  readonly rateLimitRemaining: Gauge<"family">;
}

export interface CreateMetricsOptions {
  /** Process metrics (CPU, memory, event loop lag, handles); default true. */
  readonly defaultMetrics?: boolean;
}

export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const counter = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name: METRIC_PREFIX + name, help, labelNames, registers: [registry] });
  const gauge = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Gauge<L>({ name: METRIC_PREFIX + name, help, labelNames, registers: [registry] });
  return {
    registry,
    mentionsReceived: counter("mentions_received_total", "Mentions received, after de-duplication."),
    mentionsIgnored: counter("mentions_ignored_total", "Mentions that got no reply, by reason.", ["reason"]),
    repliesPosted: counter("replies_posted_total", "Reply posts created on the server."),
    favourites: counter("favourites_total", "Statuses favourited in answer to thanks."),
    repliesExpired: counter(
      "replies_expired_total",
      "Posts dropped because they could no longer go out in time: replies later than REPLY_MAX_DELAY or past the midnight that ends their day, reminders past REMINDER_GRACE, greetings.",
    ),
    remindersPosted: counter("reminders_posted_total", "Deadline reminders posted."),
    reconnects: counter("stream_reconnects_total", "Streaming reconnect attempts."),
    apiErrors: counter("api_errors_total", "Failed Mastodon API requests by HTTP status.", ["status"]),
    storeErrors: counter("store_errors_total", "State store reads and writes that failed, by operation.", [
      "operation",
    ]),
    outboxDepth: gauge("outbox_depth", "Replies waiting in the outbox."),
    rateLimitRemaining: gauge("rate_limit_remaining", "Requests left in the rate-limit window.", ["family"]),
  };
}
