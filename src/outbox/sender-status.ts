/** What /readyz and the logs need to know about sending. */
export interface SenderStatus {
  /** The loop runs: started, not stopped, and not ended by an unexpected error. */
  readonly alive: boolean;
  /** When a round last finished without error; null before the first. */
  readonly lastRoundAt: Date | null;
  /** Why the latest round failed (retried with backoff) or the loop died; null after a good round. */
  readonly lastError: string | null;
  /** Rounds failed in a row (e.g. a busy or broken state store). */
  readonly failedRounds: number;
}

/** The sender's round bookkeeping, kept apart so the loop only reports what happened. */
export class SenderHealth {
  #lastRoundAt: Date | null = null;
  #lastError: string | null = null;
  #failedRounds = 0;
  #dead = false;

  /** A new loop starts: a previous death no longer counts. */
  started(): void {
    this.#dead = false;
  }

  roundSucceeded(now: Date): void {
    this.#lastRoundAt = now;
    this.#lastError = null;
    this.#failedRounds = 0;
  }

  /** Returns how many rounds have failed in a row, this one included. */
  roundFailed(error: unknown): number {
    this.#lastError = describe(error);
    return ++this.#failedRounds;
  }

  died(error: unknown): void {
    this.#dead = true;
    this.#lastError = describe(error);
  }

  snapshot(running: boolean): SenderStatus {
    return {
      alive: running && !this.#dead,
      lastRoundAt: this.#lastRoundAt,
      lastError: this.#lastError,
      failedRounds: this.#failedRounds,
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
