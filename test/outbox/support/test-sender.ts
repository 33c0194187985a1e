import { OutboxSender, type OutboxSenderOptions } from "../../../src/outbox/outbox-sender.js";
import type { IdleState } from "../../../src/outbox/sender-sleep.js";

/** Follows the loop through its `onIdle` hook; idle, with nothing to wake for, until started. */
class IdleWatch {
  #idle: IdleState | null = { wakeAt: null };
  #waiters: Array<(state: IdleState) => void> = [];

  update(state: IdleState | null): void {
    this.#idle = state;
    if (state === null) return;
    for (const resolve of this.#waiters.splice(0)) resolve(state);
  }

  next(): Promise<IdleState> {
    if (this.#idle !== null) return Promise.resolve(this.#idle);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** The bot's sender, plus `whenIdle()`: a test waits for the loop to settle, never for time. */
export class TestSender extends OutboxSender {
  readonly #watch: IdleWatch;

  constructor(options: OutboxSenderOptions) {
    const watch = new IdleWatch();
    const hooks = options.hooks ?? {};
    super({
      ...options,
      hooks: {
        ...hooks,
        onIdle: (state) => {
          hooks.onIdle?.(state);
          watch.update(state);
        },
      },
    });
    this.#watch = watch;
  }

  /** Resolves when the loop waits (nothing due, or waiting for a gate); `wakeAt` null = until notified. */
  whenIdle(): Promise<IdleState> {
    return this.#watch.next();
  }
}
