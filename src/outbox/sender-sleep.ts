import type { SenderClock } from "./sender-clock.js";

export interface IdleState {
  /** When the loop wakes by itself; null = only when notified (nothing is due). */
  readonly wakeAt: Date | null;
}

/**
 * The sender's sleep: until a time, or until `wake()`. A `wake()` that comes while the loop is
 * busy is remembered, so an enqueue between "nothing due" and "sleep" is not slept through.
 */
export class SenderSleep {
  readonly #clock: SenderClock;
  readonly #onIdle: (state: IdleState | null) => void;
  #pendingWake = false;
  #wake: (() => void) | null = null;

  /** `onIdle` hears each change: the loop sleeps (a state) or works again (null). */
  constructor(clock: SenderClock, onIdle: (state: IdleState | null) => void) {
    this.#clock = clock;
    this.#onIdle = onIdle;
  }

  /** Called at the start of a round: wake-ups before this are covered by the round's look. */
  clearWake(): void {
    this.#pendingWake = false;
  }

  /** Ends the current sleep, or the next one at once. */
  wake(): void {
    this.#pendingWake = true;
    this.#wake?.();
  }

  /** Sleeps until `wakeAt` (epoch ms; null: until woken). */
  sleep(wakeAt: number | null): Promise<void> {
    if (this.#pendingWake) return Promise.resolve();
    return new Promise((resolve) => {
      let timer: unknown;
      const wake = (): void => {
        if (this.#wake !== wake) return;
        this.#wake = null;
        this.#onIdle(null);
        if (timer !== undefined) this.#clock.clearTimeout(timer);
        resolve();
      };
      this.#wake = wake;
      if (wakeAt !== null) timer = this.#clock.setTimeout(wake, wakeAt - this.#clock.now().getTime());
      this.#onIdle({ wakeAt: wakeAt === null ? null : new Date(wakeAt) });
    });
  }
}
