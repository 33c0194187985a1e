import type { SessionEnd } from "./stream-session.js";
import { STREAM_VARIANTS, type StreamVariant } from "./stream-variants.js";

/** One way to stream: where (`url`, masto's `streamingApiUrl`) and how (`variant`). */
export interface StreamCandidate {
  readonly url: string;
  readonly variant: StreamVariant;
}

/**
 * What the listener does after a session ended. `retry`: the same candidate, after a backoff;
 * `next`: another candidate at once (`because` says why); `exhausted`: every candidate refused,
 * poll and start over after the retry interval.
 */
export type NextStep =
  | { readonly kind: "retry" }
  | { readonly kind: "next"; readonly because: "refused" | "unreachable" }
  | { readonly kind: "exhausted" };

/**
 * Where to look for the stream: the advertised URL, then the same origin as `MASTODON_URL`
 * (`ws://` for `http://`, `wss://` for `https://`), since servers behind a proxy often advertise
 * a URL (scheme, host or port) that does not answer. Duplicates are dropped. Pure.
 */
export function streamingUrlCandidates(advertised: string, serverUrl: string): string[] {
  const urls = [advertised];
  const own = sameOriginStreamingUrl(serverUrl);
  if (own !== undefined && !urls.some((u) => sameEndpoint(u, own))) urls.push(own);
  return urls;
}

function sameOriginStreamingUrl(serverUrl: string): string | undefined {
  try {
    const url = new URL(serverUrl);
    const scheme = { "http:": "ws:", "https:": "wss:" }[url.protocol];
    return scheme === undefined ? undefined : `${scheme}//${url.host}`;
  } catch {
    return undefined;
  }
}

/** masto connects to `/api/v1/streaming` on the URL's origin; ws and http name the same one. */
function sameEndpoint(a: string, b: string): boolean {
  const key = (text: string) => {
    try {
      const url = new URL(text);
      const scheme = url.protocol.replace(/^http/, "ws");
      return `${scheme}//${url.host}`;
    } catch {
      return text;
    }
  };
  return key(a) === key(b);
}

/**
 * Which URL and variant to stream with, and what a session's end means for that choice. A
 * refused variant moves to the next one; an address that never connected moves to the next URL;
 * what once connected is remembered for the life of the process, and what once worked (delivered
 * events or stayed open) is never demoted by a transient error, error frames included. Pure.
 */
export class StreamCandidates {
  private urlIndex = 0;
  private readonly variantIndex: number[];
  /** URLs whose every variant was refused in this round. */
  private readonly refusedUrls = new Set<number>();
  /** URLs a socket opened on: their connect failures are transient. */
  private readonly openedUrls = new Set<string>();
  /** Candidates a socket opened on (an upgrade refusal later is transient). */
  private readonly opened = new Set<string>();
  /** Candidates that delivered events or stayed open (an error frame later is transient). */
  private readonly worked = new Set<string>();

  constructor(
    readonly urls: readonly string[],
    private readonly variants: readonly StreamVariant[] = STREAM_VARIANTS,
  ) {
    if (urls.length === 0) throw new RangeError("StreamCandidates needs at least one URL");
    this.variantIndex = urls.map(() => 0);
  }

  current(): StreamCandidate {
    return { url: this.urls[this.urlIndex]!, variant: this.variants[this.variantIndex[this.urlIndex]!]! };
  }

  /** The current candidate's socket opened. */
  markOpened(): void {
    this.openedUrls.add(this.current().url);
    this.opened.add(key(this.current()));
  }

  /** The current candidate delivered events or stayed open: it is kept through any error. */
  markWorked(): void {
    this.worked.add(key(this.current()));
  }

  /** Decides, and moves to, what comes after a session of the current candidate ended this way. */
  ended(end: SessionEnd): NextStep {
    const here = key(this.current());
    if (end.reason === "refused" && !this.opened.has(here)) {
      return end.status === 404 ? this.refuseUrl() : this.refuseVariant();
    }
    if (end.reason === "stream-error" && !this.worked.has(here)) return this.refuseVariant();
    if (end.reason === "failed" && !end.opened && !this.openedUrls.has(this.current().url)) {
      return this.unreachable();
    }
    return { kind: "retry" };
  }

  /** After `exhausted` and the retry interval: every URL and variant gets another chance. */
  restart(): void {
    this.refusedUrls.clear();
    this.variantIndex.fill(0);
    this.urlIndex = 0;
  }

  private refuseVariant(): NextStep {
    const next = this.variantIndex[this.urlIndex]! + 1;
    if (next < this.variants.length) {
      this.variantIndex[this.urlIndex] = next;
      return { kind: "next", because: "refused" };
    }
    return this.refuseUrl();
  }

  /** No variant works at this URL (or it has no streaming endpoint): another URL, if any is left. */
  private refuseUrl(): NextStep {
    this.refusedUrls.add(this.urlIndex);
    const other = this.nextUsableUrl();
    if (other === undefined) return { kind: "exhausted" };
    this.urlIndex = other;
    return { kind: "next", because: "refused" };
  }

  /** Nothing answered: the next URL at once; after the last, the first again after a backoff. */
  private unreachable(): NextStep {
    const other = this.nextUsableUrl();
    if (other !== undefined && other > this.urlIndex) {
      this.urlIndex = other;
      return { kind: "next", because: "unreachable" };
    }
    if (other !== undefined) this.urlIndex = other;
    return { kind: "retry" };
  }

  /** The first URL after the current one (wrapping around) not refused in this round. */
  private nextUsableUrl(): number | undefined {
    for (let step = 1; step <= this.urls.length; step++) {
      const index = (this.urlIndex + step) % this.urls.length;
      if (!this.refusedUrls.has(index)) return index;
    }
    return undefined;
  }
}

function key(candidate: StreamCandidate): string {
  return `${candidate.url} ${candidate.variant.stream} ${candidate.variant.tokenInQuery}`;
}
