import { StoreError } from "./store-errors.js";

/**
 * Store failures in a row, with nothing between that shows the store works again, after which the
 * live bot exits with status 1 so that its supervisor restarts it (and the start-up checks run).
 * A disk that stays full, or a database damaged while the bot runs, would otherwise leave a bot
 * that looks alive and answers nothing. Every failed read or write counts once; the receiving side
 * and the sender retry within seconds to minutes, so twenty is several minutes of a store that
 * does not work, not one bad moment.
 */
export const STORE_FAILURES_BEFORE_EXIT = 20;

/** Whether an operation only read or wrote: with a full disk reads still work, so only a write clears a write failure. */
export type StoreAccess = "read" | "write";

/** What the store tells after every operation. */
export interface StoreObserver {
  succeeded(access: StoreAccess): void;
  failed(access: StoreAccess, operation: string, error: StoreError): void;
}

export interface StoreHealthStatus {
  /** False from a failure until the store works again. */
  readonly ok: boolean;
  readonly consecutiveFailures: number;
  /** The last failure's message (names the operation and what to check), null while ok. */
  readonly lastError: string | null;
}

export interface StoreHealthOptions {
  /** @default STORE_FAILURES_BEFORE_EXIT */
  readonly failuresBeforeGiveUp?: number;
  /** Every failure, by operation (for the store errors metric). */
  readonly onFailure?: (operation: string) => void;
}

/** Tracks the store's failures in a row for readiness, the metric and the decision to exit. */
export class StoreHealth implements StoreObserver {
  /**
   * Rejects, once, when the failures in a row reach the limit, with a StoreError that says what to
   * check; the live bot's `done`. Never resolves.
   */
  readonly gaveUp: Promise<never>;
  readonly #options: StoreHealthOptions;
  #giveUp: (error: StoreError) => void = () => undefined;
  #failures = 0;
  #lastError: string | null = null;
  #writeFailing = false;

  constructor(options: StoreHealthOptions = {}) {
    this.#options = options;
    this.gaveUp = new Promise<never>((_resolve, reject) => {
      this.#giveUp = reject;
    });
    // Marked handled: whoever awaits it may attach later (main, once the bot has started).
    this.gaveUp.catch(() => undefined);
  }

  succeeded(access: StoreAccess): void {
    if (access === "write") this.#writeFailing = false;
    if (this.#writeFailing) return;
    this.#failures = 0;
    this.#lastError = null;
  }

  failed(access: StoreAccess, operation: string, error: StoreError): void {
    if (access === "write") this.#writeFailing = true;
    this.#failures += 1;
    this.#lastError = error.message;
    this.#options.onFailure?.(operation);
    const limit = this.#options.failuresBeforeGiveUp ?? STORE_FAILURES_BEFORE_EXIT;
    if (this.#failures !== limit) return;
    this.#giveUp(
      new StoreError(
        `The state store failed ${this.#failures} times in a row (last: ${error.message}); the bot exits so ` +
          "that it is restarted. Check the disk holding DATA_DIR (space, errors) and the database file.",
        { cause: error },
      ),
    );
  }

  status(): StoreHealthStatus {
    return { ok: this.#failures === 0, consecutiveFailures: this.#failures, lastError: this.#lastError };
  }
}
