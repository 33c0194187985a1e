import { type BackoffOptions, backoffDelay } from "../lib/backoff.js";
import type { Logger } from "../observability/logger.js";
import { type StreamCandidate, StreamCandidates, streamingUrlCandidates } from "./stream-candidates.js";
import { type OpenStream, openMastoStream, type SessionEnd, type StreamEvent } from "./stream-session.js";
import { describeVariant } from "./stream-variants.js";

export interface StreamLoopOptions {
  /** From the instance (`configuration.urls.streaming`). */
  readonly advertisedUrl: string;
  /** `MASTODON_URL`: its origin is tried when the advertised URL does not connect. */
  readonly serverUrl?: string;
  readonly accessToken: string;
  readonly logger: Logger;
  readonly now: () => Date;
  /** For the log lines that say the bot polls meanwhile. */
  readonly pollIntervalMs: number;
  /** While polling, streaming is tried again at least this often; also caps the backoff. */
  readonly retryIntervalMs: number;
  readonly backoff?: Omit<BackoffOptions, "jitter">;
  /** Consecutive failed sessions (never opened, or an error frame) before polling meanwhile. */
  readonly maxConnectFailures: number;
  readonly random?: () => number;
  readonly openStream?: OpenStream;
  /** A socket opened; `afterWorkingSession`: the one before worked, so a real gap is likely. */
  readonly onOpen: (candidate: StreamCandidate, afterWorkingSession: boolean) => void;
  readonly onEvent: (event: StreamEvent) => void;
  /** The socket is gone (the listener is no longer connected). */
  readonly onClosed: () => void;
  /** No usable stream for now: the listener polls. */
  readonly onPolling: () => void;
  /** Every reconnect attempt (for the metric and status). */
  readonly onReconnect: () => void;
}

/** A session open this long, or one that delivered an event, worked: the reconnect backoff starts over. */
const STABLE_SESSION_MS = 60_000;
/** Reconnects: anywhere up to 1 s doubling, at most the retry interval, so many bots do not come back together. */
const RECONNECT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 300_000, jitter: "full" };

/**
 * Connects, and reconnects with backoff, until stopped. Which URL and variant: `StreamCandidates`
 * (refused variants and unreachable addresses move on, what worked is kept). Connections that
 * keep failing are retried forever (backoff capped at the retry interval) while catch-up polls;
 * when every candidate is refused, it polls and tries them all again after the retry interval.
 */
export class StreamLoop {
  private stopped = false;
  private polling = false;
  private wake: (() => void) | undefined;
  private closeSession: (() => void) | undefined;
  private readonly candidates: StreamCandidates;

  constructor(private readonly options: StreamLoopOptions) {
    const { advertisedUrl, serverUrl } = options;
    this.candidates = new StreamCandidates(
      serverUrl === undefined ? [advertisedUrl] : streamingUrlCandidates(advertisedUrl, serverUrl),
    );
  }

  /** Runs until `stop()`; never rejects. */
  async run(): Promise<void> {
    const { logger, maxConnectFailures } = this.options;
    let attempt = 0;
    let failures = 0;
    let saidPolling = false;
    // After a first round refused in every form, each further round is routine: debug lines.
    let rounds = 0;
    // The first connect closes the gap since the start's catch-up: a real one, caught up at once.
    let lastSessionWorked = true;
    while (!this.stopped) {
      const candidate = this.candidates.current();
      const { end, worked } = await this.runSession(candidate, lastSessionWorked);
      lastSessionWorked = worked;
      if (worked) {
        attempt = 0;
        saidPolling = false;
      }
      if (this.stopped || end.reason === "stopped") return;
      const step = this.candidates.ended(end);
      if (step.kind !== "retry") {
        this.sayMovingOn(step.kind === "next" ? step.because : "exhausted", candidate, end, rounds > 0);
        if (step.kind === "next") continue;
        this.poll();
        rounds += 1;
        await this.sleep(this.options.retryIntervalMs);
        this.candidates.restart();
        continue;
      }
      // An error frame on a socket that opened is a failure too, or such a server would never be polled.
      if (end.opened && end.reason !== "stream-error") failures = 0;
      else failures += 1;
      if (failures >= maxConnectFailures && !this.polling) {
        this.poll();
        if (!saidPolling) {
          logger.warn(
            { failures, error: end.message, pollIntervalMs: this.options.pollIntervalMs },
            "streaming: keeps failing; polling until it connects",
          );
        }
        saidPolling = true;
      }
      await this.backOff(attempt, end);
      attempt += 1;
    }
  }

  /** Closes the session and cancels a pending wait; `run()` then resolves. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
    this.closeSession?.();
  }

  private poll(): void {
    this.polling = true;
    this.options.onPolling();
  }

  private sayMovingOn(
    why: "refused" | "unreachable" | "exhausted",
    candidate: StreamCandidate,
    end: SessionEnd,
    routine: boolean,
  ): void {
    const level = routine ? "debug" : "warn";
    const fields = {
      url: candidate.url,
      variant: describeVariant(candidate.variant),
      status: end.status,
      error: end.message,
    };
    if (why === "exhausted") {
      const { pollIntervalMs, retryIntervalMs: retryInMs } = this.options;
      this.options.logger[level](
        { ...fields, pollIntervalMs, retryInMs },
        "streaming: refused in every form; polling",
      );
      return;
    }
    const next = this.candidates.current();
    this.options.logger[level](
      { ...fields, next: { url: next.url, variant: describeVariant(next.variant) } },
      why === "unreachable"
        ? "streaming: no connection to this URL; trying the server's own address"
        : "streaming: refused; trying another form",
    );
  }

  /**
   * One connection, until it ends. It worked when it delivered events or stayed open a while:
   * only that resets the backoff (one dropped right after connecting does not) and keeps its form.
   */
  private async runSession(
    candidate: StreamCandidate,
    afterWorkingSession: boolean,
  ): Promise<{ end: SessionEnd; worked: boolean }> {
    const { now } = this.options;
    const openStream = this.options.openStream ?? openMastoStream;
    let openedAt: number | undefined;
    let events = 0;
    const session = openStream({
      streamingUrl: candidate.url,
      accessToken: this.options.accessToken,
      variant: candidate.variant,
      onOpen: () => {
        openedAt = now().getTime();
        this.polling = false;
        this.candidates.markOpened();
        this.options.onOpen(candidate, afterWorkingSession);
      },
      onEvent: (event) => {
        events += 1;
        this.options.onEvent(event);
      },
    });
    this.closeSession = () => session.close();
    const end = await session.ended;
    this.closeSession = undefined;
    this.options.onClosed();
    const worked = events > 0 || (openedAt !== undefined && now().getTime() - openedAt >= STABLE_SESSION_MS);
    if (worked) this.candidates.markWorked();
    return { end, worked };
  }

  private async backOff(attempt: number, end: SessionEnd): Promise<void> {
    const backoff = { ...RECONNECT_BACKOFF, ...this.options.backoff };
    backoff.maxMs = Math.min(backoff.maxMs, this.options.retryIntervalMs);
    const delayMs = backoffDelay(attempt, backoff, this.options.random ?? Math.random);
    this.options.onReconnect();
    // Once "keeps failing; polling" is said, each further retry is routine: debug, not a warning.
    const level = this.polling ? "debug" : "warn";
    this.options.logger[level](
      { attempt: attempt + 1, delayMs, reason: end.reason, error: end.message },
      "streaming: disconnected; reconnecting",
    );
    await this.sleep(delayMs);
  }

  /** Waits `ms`, or less when stopped. */
  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timeout);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
  }
}
