/** Public types of the fake Mastodon server: what it records and how it is configured. */
import type { HangSwitch } from "./hang.js";

export type Visibility = "public" | "unlisted" | "private" | "direct";
export type PolicyValue = "accept" | "filter" | "drop";

/** An account known to the fake (the bot, local people, remote people). */
export interface FakeAccount {
  readonly id: string;
  readonly username: string;
  /** null for accounts local to the fake server. */
  readonly domain: string | null;
  /** `username` for local accounts, `username@domain` for remote ones. */
  readonly acct: string;
  displayName: string;
  bot: boolean;
  locked: boolean;
  discoverable: boolean;
  /** Plain-text profile note (the API serves it as HTML). */
  note: string;
  fields: Array<{ name: string; value: string }>;
  readonly createdAt: Date;
  readonly url: string;
}

/** A status stored by the fake (mentions from tests and the bot's own posts). */
export interface FakeStatus {
  readonly id: string;
  readonly account: FakeAccount;
  /** The source text as written. */
  text: string;
  /** Mastodon-style HTML rendered from `text`. */
  content: string;
  readonly visibility: Visibility;
  readonly language: string | null;
  spoilerText: string;
  sensitive: boolean;
  readonly inReplyToId: string | null;
  readonly inReplyToAccountId: string | null;
  mentions: FakeAccount[];
  tags: string[];
  readonly createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  /** Whether the bot has favourited it. */
  favourited: boolean;
  favouritesCount: number;
}

export interface FakeNotification {
  readonly id: string;
  readonly type: string;
  readonly account: FakeAccount;
  readonly statusId: string | null;
  readonly createdAt: Date;
  /** Held back by the notification policy: neither streamed nor listed (unless include_filtered). */
  readonly filtered: boolean;
  dismissed: boolean;
}

/** One status the bot created through POST /api/v1/statuses (replays of an Idempotency-Key excluded). */
export interface PostedStatus {
  readonly id: string;
  /** The `status` parameter as sent. */
  readonly text: string;
  readonly inReplyToId: string | null;
  readonly visibility: Visibility;
  readonly language: string | null;
  readonly spoilerText: string;
  readonly idempotencyKey: string | null;
  readonly createdAt: Date;
  /** acct of every account the text mentions and the fake could resolve. */
  readonly mentions: string[];
  /** The rendered status (content HTML, mentions, tags). */
  readonly status: FakeStatus;
}

/** One successful POST /api/v1/statuses/:id/favourite. */
export interface FavouriteRecord {
  readonly statusId: string;
  readonly createdAt: Date;
  /** The status was already favourited (Mastodon answers 200 again). */
  readonly repeated: boolean;
}

/** One HTTP request or WebSocket upgrade the fake received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without query string. */
  readonly path: string;
  /** Raw query string without `?` ("" when none). */
  readonly query: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed parameters of the body (JSON, form or multipart), flattened to Rails-style keys. */
  readonly body: Readonly<Record<string, string[]>>;
  readonly upgrade: boolean;
  /** Response status (101 for accepted upgrades); set once answered. */
  status: number;
  readonly at: Date;
}

export type StreamingMode = "ok" | "absent" | "refuse-subprotocol" | "url-stream-only";
/** "html": 200 text/html page (masto resolves `undefined`); "text": 200 text/plain (masto throws). */
export type InstanceMode = "ok" | "404" | "html" | "text";

/** Behaviour switches; change them at any time through `fake.switches`. */
export interface FakeSwitches {
  streaming: StreamingMode;
  instanceV2: InstanceMode;
  instanceV1: InstanceMode;
  /** Imitate servers that ignore these notification list parameters. */
  ignoreParams: { types: boolean; minId: boolean; sinceId: boolean };
  honourIdempotency: boolean;
  /** Delay every HTTP response by this much, applied after the request took effect. */
  latencyMs: number;
  /** false: /api/v{1,2}/notifications/policy answer 404 (servers before 4.3). */
  notificationPolicyApi: boolean;
  /**
   * Account id → the `acct` text served for that account wherever it appears (notifications,
   * statuses, the stream), e.g. `alice @victim@evil.example #spam`: a server sending a malformed acct.
   */
  servedAcct: Record<string, string>;
  /**
   * The next this many `GET /api/v1/notifications` pages answer 200 JSON cut short before the end
   * (a truncated body, as from a proxy that gave up); counts down by one per page.
   */
  truncateNotificationPages: number;
  /** GET /api/v1/statuses/:id: `fail` answers 503 for every status (the bot's too). */
  statusFetch: "ok" | "fail";
  /**
   * What the instance advertises as its streaming URL instead of its own `ws://` one, e.g. the
   * same host and port as `wss://` (a plain-http server behind a misconfigured proxy); null: its own.
   */
  advertisedStreamingUrl: string | null;
  /**
   * The next this many accepted streaming sockets answer every subscription with an error frame
   * (`{"error":"Internal server error","status":500}`); counts down by one per socket.
   */
  streamErrorFrames: number;
  /** Requests to accept and never answer, e.g. `{ "POST /api/v1/statuses": 1 }` (see hang.ts). */
  hang: HangSwitch;
  /**
   * The server's clock runs this far (ms) from the real one: its `Date` header, `created_at` and
   * `X-RateLimit-Reset` all follow it (negative: behind).
   */
  clockSkewMs: number;
}

export interface RateLimits {
  /**
   * Request throttle per token (or for all requests without one) on /api/*. Default 100,000 / 5 min
   * (upstream: 300 / 5 min, but loopback is safelisted there).
   */
  api: { limit: number; windowMs: number };
  /** Posting budget of the bot account; default as upstream, 300 / 3 h (windows aligned to UTC). */
  statuses: { limit: number; windowMs: number };
  /** Extra cap on POST /api/v1/statuses per second (burst benchmark); null = none. */
  statusesPerSecond: number | null;
}

export interface NotificationPolicy {
  forNotFollowing: PolicyValue;
  forNotFollowers: PolicyValue;
  forNewAccounts: PolicyValue;
  forPrivateMentions: PolicyValue;
  forLimitedAccounts: PolicyValue;
}

export interface FakeMastodonOptions {
  /** The bot account; username defaults to "optout". */
  bot?: { username?: string; displayName?: string; note?: string; bot?: boolean };
  /** Access tokens accepted for the bot (default ["test-token"]). */
  tokens?: string[];
  /** Scopes reported by GET /api/v1/apps/verify_credentials (default ["read", "write"]). */
  scopes?: string[];
  /** Clock for timestamps, rate-limit windows and idempotency expiry (default: real time). */
  now?: () => Date;
  maxCharacters?: number;
  charactersReservedPerUrl?: number;
  version?: string;
  /** WebSocket ping interval (default 30 s); a socket that missed the previous pong is dropped. */
  pingIntervalMs?: number;
  /** Reset of an injected 429 (failNext) lies this far ahead (default 1 s). */
  faultResetMs?: number;
  limits?: Partial<RateLimits>;
  switches?: Partial<FakeSwitches>;
  notificationPolicy?: Partial<NotificationPolicy>;
  idStarts?: Partial<{ status: string; notification: string; account: string }>;
}

export interface AddAccountInput {
  username: string;
  domain?: string | null;
  bot?: boolean;
  note?: string;
  displayName?: string;
  locked?: boolean;
}

export interface PostInput {
  visibility?: Visibility;
  language?: string | null;
  inReplyTo?: string | null;
  /** Accounts mentioned besides the bot, put at the start of the text unless already in it. */
  mentions?: Array<FakeAccount | string>;
  spoilerText?: string;
}

export interface FailOptions {
  /** Only requests whose path starts with this prefix count and fail. */
  pathPrefix?: string;
  /** "before" (default): fail without effect; "after": perform the request, then answer the error. */
  when?: "before" | "after";
  /** Error message (default by status, e.g. "Too many requests"). */
  message?: string;
}
