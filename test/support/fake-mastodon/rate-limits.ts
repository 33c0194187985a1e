/**
 * Fixed-window counters as Rack::Attack and Mastodon's RateLimiter keep them (windows aligned to
 * multiples of the period, API notes §8), and the X-RateLimit-* headers describing them.
 */
export interface WindowConfig {
  limit: number;
  windowMs: number;
}

export interface WindowState {
  limit: number;
  remaining: number;
  resetAt: Date;
}

export class FixedWindow {
  private readonly counts = new Map<string, { window: number; count: number }>();

  /** `config` is read on every call so limits can change during a test. */
  constructor(private readonly config: () => WindowConfig) {}

  peek(key: string, now: Date): WindowState {
    const { limit, windowMs } = this.config();
    const window = Math.floor(now.getTime() / windowMs);
    const entry = this.counts.get(key);
    const count = entry?.window === window ? entry.count : 0;
    return { limit, remaining: Math.max(0, limit - count), resetAt: new Date((window + 1) * windowMs) };
  }

  /** True when one more hit would stay within the limit. */
  allows(key: string, now: Date): boolean {
    return this.peek(key, now).remaining > 0;
  }

  /** Counts one hit (also over the limit, as Rack::Attack does) and returns the new state. */
  hit(key: string, now: Date): WindowState & { exceeded: boolean } {
    const { limit, windowMs } = this.config();
    const window = Math.floor(now.getTime() / windowMs);
    const entry = this.counts.get(key);
    const count = (entry?.window === window ? entry.count : 0) + 1;
    this.counts.set(key, { window, count });
    return {
      limit,
      remaining: Math.max(0, limit - count),
      resetAt: new Date((window + 1) * windowMs),
      exceeded: count > limit,
    };
  }
}

/** The window closest to exhaustion. */
export function tightest(...windows: Array<WindowState | undefined>): WindowState | undefined {
  let best: WindowState | undefined;
  for (const w of windows) if (w && (!best || w.remaining < best.remaining)) best = w;
  return best;
}

/** ISO 8601 UTC with microseconds, as Mastodon writes X-RateLimit-Reset. */
export function isoMicro(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

export function rateLimitHeaders(w: WindowState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(w.limit),
    "X-RateLimit-Remaining": String(w.remaining),
    "X-RateLimit-Reset": isoMicro(w.resetAt),
  };
}
