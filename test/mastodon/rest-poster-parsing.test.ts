import { describe, expect, it } from "vitest";
import { contentMatchesText } from "../../src/mastodon/poster-text-match.js";
import { parseRateLimitReset, readRateLimit } from "../../src/mastodon/rate-limit-headers.js";

const now = new Date("2025-05-20T10:00:00Z");

describe("parseRateLimitReset", () => {
  it("reads Mastodon's ISO 8601 with microseconds", () => {
    expect(parseRateLimitReset("2025-05-20T12:00:00.123456Z", now)).toEqual(
      new Date("2025-05-20T12:00:00.123Z"),
    );
  });

  it("reads epoch seconds, epoch milliseconds and seconds from now", () => {
    const at = new Date("2025-05-20T10:05:00Z");
    expect(parseRateLimitReset(String(at.getTime() / 1000), now)).toEqual(at);
    expect(parseRateLimitReset(String(at.getTime()), now)).toEqual(at);
    expect(parseRateLimitReset("300", now)).toEqual(at);
  });

  it("returns null when missing or unreadable", () => {
    expect(parseRateLimitReset(null, now)).toBeNull();
    expect(parseRateLimitReset(" ", now)).toBeNull();
    expect(parseRateLimitReset("soon", now)).toBeNull();
  });
});

describe("readRateLimit", () => {
  it("needs all three headers", () => {
    const full = new Headers({
      "X-RateLimit-Limit": "300",
      "X-RateLimit-Remaining": "12",
      "X-RateLimit-Reset": "2025-05-20T12:00:00.000000Z",
    });
    expect(readRateLimit(full, now)).toEqual({
      limit: 300,
      remaining: 12,
      resetAt: new Date("2025-05-20T12:00:00Z"),
    });
    full.delete("X-RateLimit-Remaining");
    expect(readRateLimit(full, now)).toBeNull();
    expect(readRateLimit(undefined, now)).toBeNull();
    expect(readRateLimit(new Headers({ "X-RateLimit-Limit": "x" }), now)).toBeNull();
  });
});

describe("contentMatchesText", () => {
  it("matches Mastodon's HTML of the same text despite mentions, links, entities and breaks", () => {
    const text =
      '@ann@remote.example Widerspruch: https://example.org/a/very/long/path/to/the/form & "Formular"\n\nViel Glück!';
    const html =
      '<p><span class="h-card" translate="no"><a href="https://remote.example/@ann" class="u-url mention">' +
      '@<span>ann</span></a></span> Widerspruch: <a href="https://example.org/a/very/long/path/to/the/form" ' +
      'target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span>' +
      '<span class="ellipsis">example.org/a/very/long/path/</span><span class="invisible">to/the/form</span></a>' +
      " &amp; &quot;Formular&quot;</p><p>Viel Glück!</p>";
    expect(contentMatchesText(html, text)).toBe(true);
    expect(contentMatchesText(html, "@ann Widerspruch: ganz anders")).toBe(false);
    expect(contentMatchesText(html, text.replace("@ann@remote.example", "@bob"))).toBe(false);
  });

  it("never matches an empty rendering", () => {
    expect(contentMatchesText("<p></p>", "")).toBe(false);
  });
});
