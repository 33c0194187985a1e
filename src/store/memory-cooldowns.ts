/** Per-account reply times and last topic menu, in memory (epoch milliseconds). */
export class MemoryCooldowns {
  readonly #replies = new Map<string, number[]>();
  readonly #menus = new Map<string, number>();

  recordReply(accountId: string, at: number): void {
    this.#replies.set(accountId, [...(this.#replies.get(accountId) ?? []), at]);
  }

  recordMenu(accountId: string, at: number): void {
    this.#menus.set(accountId, Math.max(at, this.#menus.get(accountId) ?? 0));
  }

  repliesSince(accountId: string, since: number): number {
    return (this.#replies.get(accountId) ?? []).filter((at) => at >= since).length;
  }

  lastMenu(accountId: string): number | undefined {
    return this.#menus.get(accountId);
  }

  /** Drops records older than `cutoff`; returns how many. */
  prune(cutoff: number): number {
    let count = 0;
    for (const [accountId, times] of [...this.#replies]) {
      const kept = times.filter((at) => at >= cutoff);
      count += times.length - kept.length;
      if (kept.length === 0) this.#replies.delete(accountId);
      else this.#replies.set(accountId, kept);
    }
    for (const [accountId, at] of [...this.#menus]) {
      if (at >= cutoff) continue;
      this.#menus.delete(accountId);
      count++;
    }
    return count;
  }
}
