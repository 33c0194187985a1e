import type { RateLimitInfo } from "../outbox/status-poster.js";

/**
 * Parses `X-RateLimit-Reset`, on our clock. Mastodon sends ISO 8601 with microseconds; some other
 * servers send epoch seconds or seconds until the reset, so numbers are read by their size. `now`
 * anchors the "seconds until" form; a point in time is the server's, moved by `serverAheadMs`.
 * Null when absent or unreadable.
 */
export function parseRateLimitReset(value: string | null, now: Date, serverAheadMs = 0): Date | null {
  const reset = parseReset(value, now);
  if (reset === null || reset.relative) return reset?.at ?? null;
  return new Date(reset.at.getTime() - serverAheadMs);
}

function parseReset(value: string | null, now: Date): { at: Date; relative: boolean } | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= 1e12) return { at: new Date(n), relative: false }; // epoch milliseconds
    if (n >= 1e9) return { at: new Date(n * 1000), relative: false }; // epoch seconds
    return { at: new Date(now.getTime() + n * 1000), relative: true }; // seconds from now
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : { at: new Date(ms), relative: false };
}

/** The `X-RateLimit-*` headers as one record, or null when any of the three is missing or bad. */
export function readRateLimit(
  headers: Headers | undefined,
  now: Date,
  serverAheadMs = 0,
): RateLimitInfo | null {
  if (headers === undefined) return null;
  const limit = toCount(headers.get("x-ratelimit-limit"));
  const remaining = toCount(headers.get("x-ratelimit-remaining"));
  const resetAt = parseRateLimitReset(headers.get("x-ratelimit-reset"), now, serverAheadMs);
  if (limit === null || remaining === null || resetAt === null) return null;
  return { limit, remaining, resetAt };
}

function toCount(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}
