import { describe, expect, it } from "vitest";
import { StreamCandidates, streamingUrlCandidates } from "../../src/mastodon/stream-candidates.js";
import type { SessionEnd } from "../../src/mastodon/stream-session.js";

const tls: SessionEnd = { opened: false, reason: "failed", message: "wrong version number" };
const refused401: SessionEnd = { opened: false, reason: "refused", status: 401, message: "401" };
const notFound: SessionEnd = { opened: false, reason: "refused", status: 404, message: "404" };
const errorFrame: SessionEnd = { opened: true, reason: "stream-error", message: "Internal error" };
const closed: SessionEnd = { opened: true, reason: "closed", message: "socket closed" };

function where(c: StreamCandidates): string {
  const { url, variant } = c.current();
  return `${url} ${variant.stream}${variant.tokenInQuery ? " query" : ""}`;
}

describe("streamingUrlCandidates", () => {
  it("adds MASTODON_URL's own origin, ws for http and wss for https, after the advertised URL", () => {
    expect(streamingUrlCandidates("wss://127.0.0.1:3000", "http://127.0.0.1:3000")).toEqual([
      "wss://127.0.0.1:3000",
      "ws://127.0.0.1:3000",
    ]);
    expect(streamingUrlCandidates("wss://streaming.example", "https://social.example/")).toEqual([
      "wss://streaming.example",
      "wss://social.example",
    ]);
  });

  it("does not try the same endpoint twice, whatever the spelling", () => {
    expect(streamingUrlCandidates("wss://social.example", "https://social.example")).toEqual([
      "wss://social.example",
    ]);
    expect(streamingUrlCandidates("https://social.example/", "https://social.example")).toEqual([
      "https://social.example/",
    ]);
  });
});

describe("StreamCandidates", () => {
  const urls = ["wss://127.0.0.1:3000", "ws://127.0.0.1:3000"];

  it("moves to the server's own address when the advertised one does not connect, and stays there", () => {
    const c = new StreamCandidates(urls);
    expect(c.ended(tls)).toEqual({ kind: "next", because: "unreachable" });
    expect(where(c)).toBe("ws://127.0.0.1:3000 user:notification");
    c.markOpened();
    expect(c.ended(closed)).toEqual({ kind: "retry" });
    // A URL that connected once is remembered: its connect failures are transient.
    expect(c.ended({ ...tls, message: "ECONNREFUSED" })).toEqual({ kind: "retry" });
    expect(where(c)).toBe("ws://127.0.0.1:3000 user:notification");
  });

  it("goes round the URLs with a backoff while none connects", () => {
    const c = new StreamCandidates(urls);
    expect(c.ended(tls).kind).toBe("next");
    expect(c.ended(tls)).toEqual({ kind: "retry" });
    expect(where(c)).toBe("wss://127.0.0.1:3000 user:notification");
  });

  it("tries every form at a URL before the next; a 404 skips the URL; then exhausted until restart", () => {
    const c = new StreamCandidates(urls);
    expect(c.ended(notFound)).toEqual({ kind: "next", because: "refused" });
    expect(where(c)).toBe("ws://127.0.0.1:3000 user:notification");
    const seen = [];
    for (let i = 0; i < 3; i++) {
      expect(c.ended(refused401).kind).toBe("next");
      seen.push(where(c));
    }
    expect(seen).toEqual([
      "ws://127.0.0.1:3000 user",
      "ws://127.0.0.1:3000 user:notification query",
      "ws://127.0.0.1:3000 user query",
    ]);
    expect(c.ended(refused401)).toEqual({ kind: "exhausted" });
    c.restart();
    expect(where(c)).toBe("wss://127.0.0.1:3000 user:notification");
  });

  it("an error frame demotes a form that never worked, never one that did", () => {
    const fresh = new StreamCandidates(urls.slice(1));
    fresh.markOpened();
    expect(fresh.ended(errorFrame)).toEqual({ kind: "next", because: "refused" });
    expect(where(fresh)).toBe("ws://127.0.0.1:3000 user");

    const proven = new StreamCandidates(urls.slice(1));
    proven.markOpened();
    proven.markWorked();
    for (let i = 0; i < 10; i++) expect(proven.ended(errorFrame)).toEqual({ kind: "retry" });
    expect(proven.ended({ ...refused401, opened: false })).toEqual({ kind: "retry" });
    expect(where(proven)).toBe("ws://127.0.0.1:3000 user:notification");
  });
});
