import type { SenderClock } from "../../../src/outbox/sender-clock.js";

interface Timer {
  readonly at: number;
  readonly fn: () => void;
}

/** A clock that only moves when the test says so; timers fire in time order as it moves. */
export class ManualClock implements SenderClock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Moves to `to` (never backwards), firing every timer due on the way. */
  advanceTo(to: Date | number): void {
    const target = Math.max(this.#now, typeof to === "number" ? to : to.getTime());
    for (;;) {
      const next = [...this.#timers.entries()]
        .filter(([, t]) => t.at <= target)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (next === undefined) break;
      this.#timers.delete(next[0]);
      this.#now = next[1].at;
      next[1].fn();
    }
    this.#now = target;
  }

  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  /** Pending timers. */
  get timerCount(): number {
    return this.#timers.size;
  }
}
