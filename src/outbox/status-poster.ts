import type { Language } from "../domain/language.js";
import type { Visibility } from "../domain/mention.js";

/** What the server's `X-RateLimit-*` headers said about the throttle closest to exhaustion. */
export interface RateLimitInfo {
  readonly limit: number;
  readonly remaining: number;
  /** When the window resets (server time). */
  readonly resetAt: Date;
}

export interface CreateStatusInput {
  readonly text: string;
  /** The status answered, or null for a top-level post. */
  readonly inReplyToId: string | null;
  readonly visibility: Visibility;
  readonly language: Language;
  /** Sent as the `Idempotency-Key` header; the same for every attempt of one post. */
  readonly idempotencyKey: string;
}

export interface CreatedStatus {
  /** The server's id of the new status. */
  readonly id: string;
  /** null when the server sent no (or unreadable) rate-limit headers. */
  readonly rateLimit: RateLimitInfo | null;
}

export interface FavouriteResult {
  readonly rateLimit: RateLimitInfo | null;
}

export interface FindOwnPostInput {
  /** The status the post answers, or null for a top-level post (a reminder, a greeting). */
  readonly inReplyToId: string | null;
  /** The bot's own account id (from verify_credentials). */
  readonly botAccountId: string;
  /** The post's source text: picks the right status when the bot has more than one there. */
  readonly text: string;
  /**
   * When the post was queued: a top-level status with the same text from well before is an earlier
   * post (yesterday's reminder), not this one.
   */
  readonly queuedAt: Date;
}

/**
 * The outbox's view of the server: what it sends and how it checks an unknown outcome.
 * Implementations throw only the errors of `./errors.ts` (`ApiRequestError` subclasses).
 * `signal` aborts the request (on shutdown); an aborted request is a `NetworkError`.
 */
export interface StatusPoster {
  createStatus(input: CreateStatusInput, signal?: AbortSignal): Promise<CreatedStatus>;
  favourite(statusId: string, signal?: AbortSignal): Promise<FavouriteResult>;
  /**
   * The id of the bot's own status that is this post, or null: for a reply, looked for in the
   * context of `inReplyToId`; for a top-level post, among the bot's recent statuses. Used before
   * resending a post whose outcome is unknown, as not every server honours `Idempotency-Key`.
   * A 404 (`ClientError`) means the status answered is gone.
   */
  findOwnPost(input: FindOwnPostInput, signal?: AbortSignal): Promise<string | null>;
}
