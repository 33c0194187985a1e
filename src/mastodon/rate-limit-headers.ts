import type { RateLimitInfo } from "../outbox/status-poster.js";

/**
 * Parses `X-RateLimit-Reset`. Mastodon sends ISO 8601 with microseconds; some other servers send
 * epoch seconds or seconds until the reset, so numbers are read by their size. `now` anchors the
 * "seconds until" form. Null when absent or unreadable.
 */
export function parseRateLimitReset(value: string | null, now: Date): Date | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= 1e12) return new Date(n); // epoch milliseconds
    if (n >= 1e9) return new Date(n * 1000); // epoch seconds
    return new Date(now.getTime() + n * 1000); // seconds from now
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The `X-RateLimit-*` headers as one record, or null when any of the three is missing or bad. */
export function readRateLimit(headers: Headers | undefined, now: Date): RateLimitInfo | null {
  if (headers === undefined) return null;
  const limit = toCount(headers.get("x-ratelimit-limit"));
  const remaining = toCount(headers.get("x-ratelimit-remaining"));
  const resetAt = parseRateLimitReset(headers.get("x-ratelimit-reset"), now);
  if (limit === null || remaining === null || resetAt === null) return null;
  return { limit, remaining, resetAt };
}

function toCount(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}
