import type { Logger } from "../observability/logger.js";

/** Skew beyond this is worth a warning (and, changed by this much again, another). */
const WARN_BEYOND_MS = 60_000;
/** `Date` has whole seconds: a smaller difference is the header's rounding, not skew. */
const RESOLUTION_MS = 2_000;

/** How far the server's clock runs ahead of ours (negative: behind), as its `Date` header says. */
export interface ServerTime {
  aheadMs(): number;
}

/**
 * The server's clock as learnt from the `Date` header of its answers. Its times (`created_at`,
 * `X-RateLimit-Reset`) are moved onto our clock with it before any window or wait is computed: a
 * server 150 minutes behind would otherwise make every fresh mention look too old, and one an hour
 * ahead would make a 2 s rate-limit reset an hour's wait.
 */
export class ServerClock implements ServerTime {
  readonly #logger: Logger;
  readonly #now: () => Date;
  #aheadMs = 0;
  #warnedAt: number | null = null;

  constructor(logger: Logger, now: () => Date = () => new Date()) {
    this.#logger = logger;
    this.#now = now;
  }

  aheadMs(): number {
    return this.#aheadMs;
  }

  /** A server time on our clock. */
  toLocal(serverTime: Date): Date {
    return new Date(serverTime.getTime() - this.#aheadMs);
  }

  /** Reads the `Date` header of an answer just received; ignores a missing or unreadable one. */
  observe(headers: Headers | undefined): void {
    const serverMs = Date.parse(headers?.get("date") ?? "");
    if (Number.isNaN(serverMs)) return;
    const measured = serverMs - this.#now().getTime();
    this.#aheadMs = Math.abs(measured) < RESOLUTION_MS ? 0 : measured;
    const skewed = Math.abs(this.#aheadMs) > WARN_BEYOND_MS;
    const changed = this.#warnedAt === null || Math.abs(this.#aheadMs - this.#warnedAt) > WARN_BEYOND_MS;
    if (skewed && changed) {
      this.#warnedAt = this.#aheadMs;
      this.#logger.warn(
        { serverAheadMs: this.#aheadMs, serverDate: new Date(serverMs).toISOString() },
        "the server's clock differs from this machine's by more than a minute; times from the server are corrected by the difference (check NTP on both)",
      );
    }
  }
}
