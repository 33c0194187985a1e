import { type BackoffOptions, backoffDelay } from "../lib/backoff.js";
import type { Logger } from "../observability/logger.js";
import type { OutboxItem, StateStore } from "../store/state-store.js";
import { type Delivered, deliverItem } from "./deliver-item.js";
import { type ApiRequestError, asApiRequestError, RateLimitedError } from "./errors.js";
import { type Gate, planFailure, recoverInFlight } from "./failure-plan.js";
import { nextWake, pickNext } from "./next-due.js";
import { OutboxExpiry } from "./outbox-expiry.js";
import type { OutboxHooks } from "./outbox-hooks.js";
import { type EndpointFamily, familyOf, gateAfter, type PacingOptions } from "./pacing.js";
import type { PostingBudgetOptions } from "./posting-budget.js";
import { PostingBudgetTracker } from "./posting-budget-tracker.js";
import { type SenderClock, systemClock } from "./sender-clock.js";
import { SenderSleep } from "./sender-sleep.js";
import { SenderHealth, type SenderStatus } from "./sender-status.js";
import type { StatusPoster } from "./status-poster.js";

export interface OutboxSenderOptions {
  readonly store: StateStore;
  readonly poster: StatusPoster;
  /** The bot's own account id: recognises its replies when an outcome is unknown. */
  readonly botAccountId: string;
  readonly logger: Logger;
  /** @default systemClock */
  readonly clock?: SenderClock;
  readonly hooks?: OutboxHooks;
  /** Retries after 5xx and network errors. @default { baseMs: 2000, maxMs: 300000 } */
  readonly backoff?: Partial<Omit<BackoffOptions, "jitter">>;
  /** Spacing when the rate-limit headers say little is left. @default { lowShare: 0.1, spreadBeyondMs: 10000 } */
  readonly pacing?: PacingOptions;
  /** The hourly reply cap and the share of it, and of the server's window, kept for first replies. */
  readonly budget?: PostingBudgetOptions;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
  /**
   * Whether mentions are being taken in (the listener's intake): meanwhile only first replies to an
   * account, reminders and greetings go. @default never
   */
  readonly receiving?: () => boolean;
  /** How long `stop()` lets a request in flight finish before aborting it. @default 10000 */
  readonly stopTimeoutMs?: number;
  /** Shortest wait after a 429, doubling while 429s repeat (skewed clocks). @default 1000 */
  readonly minRateLimitWaitMs?: number;
}

const OPEN: Gate = { until: 0, hard: false, failures: 0 };
/** Retries after 5xx and network errors: between half and all of 2 s doubling, at most 5 min. */
const RETRY_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 300_000, jitter: "equal" };
/** Guards against a spin should the store ever report an item due that it does not hand out. */
const MIN_IDLE_MS = 100;
/** How long `stop()` waits after aborting before it gives up on the request. */
const STOP_GRACE_MS = 1_000;

/** A request that went through but whose outcome the store has not yet recorded. */
interface Unrecorded {
  readonly item: OutboxItem;
  readonly family: EndpointFamily;
  readonly delivered: Delivered;
}

/**
 * Sends the outbox: one request at a time, fairly (an account's second reply after others' first),
 * then oldest mention first, paced by the rate-limit headers and the posting budget (the hourly
 * cap, and its reserve for first replies).
 * 429 waits for the reset, 5xx and network errors back off (same Idempotency-Key), other 4xx fail
 * the item; posts that cannot go out before their deadline expire. Every outcome is recorded in
 * the store before the next request, so a crash leaves at most one item in `sending`. A store that
 * throws fails the round, which is retried with backoff: the loop itself never dies of it.
 */
export class OutboxSender {
  readonly #o: Required<Omit<OutboxSenderOptions, "backoff" | "pacing" | "hooks" | "budget" | "receiving">>;
  readonly #hooks: OutboxHooks;
  readonly #backoff: BackoffOptions;
  readonly #pacing: PacingOptions;
  readonly #budget: PostingBudgetTracker;
  readonly #gates: Record<EndpointFamily, Gate> = { statuses: OPEN, favourites: OPEN };
  #loop: Promise<void> | null = null;
  #stopping = false;
  readonly #sleep: SenderSleep;
  readonly #expiry: OutboxExpiry;
  #abort: AbortController | null = null;
  readonly #health = new SenderHealth();
  /** False until items left in `sending` are recovered: at start, and after a failed round. */
  #recovered = false;
  /** A delivery whose recording threw: recorded again before anything else is sent. */
  #unrecorded: Unrecorded | null = null;
  /** Bumped by `stop()`: a loop that outlived its stop never runs beside a new one. */
  #generation = 0;

  constructor(options: OutboxSenderOptions) {
    this.#o = {
      store: options.store,
      poster: options.poster,
      botAccountId: options.botAccountId,
      logger: options.logger,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
      minRateLimitWaitMs: options.minRateLimitWaitMs ?? 1_000,
    };
    this.#hooks = options.hooks ?? {};
    this.#backoff = {
      ...RETRY_BACKOFF,
      baseMs: options.backoff?.baseMs ?? RETRY_BACKOFF.baseMs,
      maxMs: options.backoff?.maxMs ?? RETRY_BACKOFF.maxMs,
    };
    this.#pacing = options.pacing ?? {};
    this.#sleep = new SenderSleep(this.#o.clock, (state) => this.#hooks.onIdle?.(state));
    this.#budget = new PostingBudgetTracker(
      this.#o.store,
      this.#o.logger,
      options.budget ?? {},
      options.receiving,
    );
    this.#expiry = new OutboxExpiry({
      store: this.#o.store,
      clock: this.#o.clock,
      hooks: this.#hooks,
      logger: this.#o.logger,
    });
  }

  /** Starts the loop (no-op when running). Items left in `sending` are checked on the server first. */
  start(): void {
    if (this.#loop !== null) return;
    this.#stopping = false;
    this.#recovered = false;
    this.#health.started();
    this.#hooks.onIdle?.(null);
    this.#loop = this.#run();
  }

  /** Wakes the loop: call after enqueueing, so nothing waits for a timer. */
  notify(): void {
    this.#sleep.wake();
  }

  /**
   * Stops the loop. A request in flight may finish for `stopTimeoutMs`, then it is aborted and the
   * item kept for a resend (looked up on the server first). Resolves once that is recorded, or at
   * the latest a second later, the item then staying `sending` (looked up at the next start).
   */
  async stop(): Promise<void> {
    const loop = this.#loop;
    if (loop === null) return;
    this.#stopping = true;
    this.#generation++;
    this.#sleep.wake();
    const { clock, stopTimeoutMs } = this.#o;
    const abort = clock.setTimeout(
      () => this.#abort?.abort(new Error("the outbox sender is stopping")),
      stopTimeoutMs,
    );
    let giveUp: unknown;
    const gaveUp = new Promise<boolean>((resolve) => {
      giveUp = clock.setTimeout(() => resolve(true), stopTimeoutMs + STOP_GRACE_MS);
    });
    try {
      if (await Promise.race([loop.then(() => false), gaveUp])) {
        this.#o.logger.warn(
          "The outbox sender did not stop in time; its item in flight is checked at the next start.",
        );
      }
    } finally {
      clock.clearTimeout(abort);
      clock.clearTimeout(giveUp);
      this.#loop = null;
      this.#hooks.onIdle?.({ wakeAt: null });
    }
  }

  /** The loop's health, for /readyz. */
  status(): SenderStatus {
    return this.#health.snapshot(this.#loop !== null && !this.#stopping);
  }

  async #run(): Promise<void> {
    const generation = this.#generation;
    try {
      while (!this.#stopping && generation === this.#generation) {
        const wakeAt = await this.#step();
        if (wakeAt !== undefined && !this.#stopping) await this.#sleep.sleep(wakeAt);
      }
    } catch (error) {
      this.#health.died(error);
      this.#o.logger.error({ err: error }, "The outbox sender stopped after an unexpected error.");
    } finally {
      if (generation === this.#generation) this.#hooks.onIdle?.({ wakeAt: null });
    }
  }

  /** One round; returns when to wake (null: when notified), or undefined to go on at once. */
  async #step(): Promise<number | null | undefined> {
    try {
      const result = await this.#round();
      this.#health.roundSucceeded(this.#o.clock.now());
      return result;
    } catch (error) {
      const failures = this.#health.roundFailed(error);
      // A store write may have thrown after a claim: that item would stay `sending` unless recovered.
      this.#recovered = false;
      this.#o.logger.error({ err: error, failures }, "An outbox round failed; trying again after a pause.");
      return this.#now() + backoffDelay(failures - 1, this.#backoff, this.#o.random);
    }
  }

  /** Items left in `sending` go back to pending; a post among them is looked up before any resend. */
  #recover(): void {
    const count = recoverInFlight(this.#o.store, this.#o.clock.now());
    this.#recovered = true;
    if (count === 0) return;
    this.#o.logger.warn(
      { count },
      "Outbox items were in flight at the last stop; looking them up before any resend.",
    );
  }

  /** Expires what is too late, then sends the next due item (undefined) or says when to wake. */
  async #round(): Promise<number | null | undefined> {
    this.#sleep.clearWake();
    // Recording first: recovery would otherwise take the delivered item for an unknown outcome.
    this.#record();
    if (!this.#recovered) this.#recover();
    const now = this.#o.clock.now();
    this.#expiry.due(now, this.#gates);
    this.#hooks.onDepth?.(this.#o.store.pendingCount());
    const admitted = this.#budget.admission(now);
    const item = pickNext(this.#o.store, this.#gates, now, admitted);
    if (item === null) return nextWake(this.#o.store, this.#gates, now.getTime(), MIN_IDLE_MS, admitted);
    if (this.#o.store.markSending(item.id, now)) await this.#attempt(item);
    return undefined;
  }

  async #attempt(item: OutboxItem): Promise<void> {
    const family = familyOf(item.kind);
    const abort = new AbortController();
    this.#abort = abort;
    let delivered: Delivered;
    try {
      delivered = await deliverItem(item, this.#o.poster, this.#o.botAccountId, abort.signal);
    } catch (error) {
      this.#failed(item, family, asApiRequestError(error));
      return;
    } finally {
      this.#abort = null;
    }
    this.#unrecorded = { item, family, delivered };
    this.#record();
  }

  /** Records the last delivery as sent; if the store throws, the round fails and the next one retries. */
  #record(): void {
    if (this.#unrecorded === null) return;
    const { item, family, delivered } = this.#unrecorded;
    const now = this.#o.clock.now();
    this.#o.store.markSent(item.id, delivered.remoteId, now);
    this.#unrecorded = null;
    this.#hooks.onSent?.(item);
    const log = { item: item.id, key: item.idempotencyKey, remoteId: delivered.remoteId };
    if (delivered.foundOnServer) {
      this.#o.logger.info(log, "An earlier attempt had created the post; recorded it without sending again.");
    } else {
      this.#o.logger.info(log, "Outbox item sent.");
    }
    const gate = gateAfter(delivered.rateLimit, now.getTime(), this.#pacing);
    this.#gates[family] = { ...gate, failures: 0 };
    if (delivered.rateLimit === null) return;
    if (family === "statuses") this.#budget.observed(delivered.rateLimit);
    const { remaining, limit } = delivered.rateLimit;
    this.#hooks.onRateLimit?.({ family, remaining, limit });
    const waitMs = gate.until - now.getTime();
    if (waitMs > 0)
      this.#o.logger.debug({ family, remaining, limit, waitMs }, "Rate-limit budget low; spacing.");
  }

  #failed(item: OutboxItem, family: EndpointFamily, error: ApiRequestError): void {
    const now = this.#now();
    this.#hooks.onApiError?.(error.status ?? "network");
    const plan = planFailure(item, error, this.#gates[family], now, {
      random: this.#o.random,
      backoff: this.#backoff,
      minRateLimitWaitMs: this.#o.minRateLimitWaitMs,
      stopping: this.#stopping,
    });
    const log = { item: item.id, key: item.idempotencyKey, family, err: error };
    if (plan.kind === "fail") {
      this.#o.store.markFailed(item.id, plan.reason, new Date(now));
      this.#hooks.onFailed?.(item, error);
      this.#o.logger.warn(log, "The server refused an outbox item; it is recorded as failed.");
      return;
    }
    this.#gates[family] = plan.gate;
    const retryAt = new Date(plan.at);
    if (error instanceof RateLimitedError) {
      if (family === "statuses") this.#budget.observed(error.rateLimit);
      this.#hooks.onRateLimit?.({ family, remaining: 0, limit: error.rateLimit?.limit ?? null });
      this.#o.logger.warn({ ...log, retryAt }, "Rate-limited; waiting for the reset.");
    } else if (error.status === 401) {
      this.#o.logger.error(log, "The server rejected the access token (401); check MASTODON_ACCESS_TOKEN.");
    } else {
      this.#o.logger.warn({ ...log, retryAt }, "Sending an outbox item failed; retrying with backoff.");
    }
    this.#expiry.retry(item, plan.at, plan.attempts, error.message);
    if (plan.gate.hard) this.#expiry.heldBack(family, plan.gate.until);
  }

  #now(): number {
    return this.#o.clock.now().getTime();
  }
}
