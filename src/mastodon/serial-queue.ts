/**
 * Runs tasks one at a time in the order they were pushed: stream events and catch-up hand-overs
 * share one queue, so the sink never sees two notifications at once.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves or rejects with the task; a failed task does not stop the ones behind it. */
  push(task: () => Promise<void> | void): Promise<void> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every task pushed so far has settled. */
  idle(): Promise<void> {
    return this.tail;
  }
}
