/**
 * Runs tasks one at a time in the order they were pushed: stream events and catch-up hand-overs
 * share one queue, so the sink never sees two notifications at once.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** Resolves or rejects with the task; a failed task does not stop the ones behind it. */
  push(task: () => Promise<void> | void): Promise<void> {
    this.waiting += 1;
    const run = this.tail.then(() => {
      this.waiting -= 1;
      return task();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Whether tasks wait behind the one running (if any). */
  hasWaiting(): boolean {
    return this.waiting > 0;
  }

  /** Resolves once every task pushed so far has settled. */
  idle(): Promise<void> {
    return this.tail;
  }
}
