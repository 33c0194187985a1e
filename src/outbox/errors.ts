import { OptoutError } from "../domain/errors.js";
import type { RateLimitInfo } from "./status-poster.js";

/** A request to the Mastodon API failed; the subclass says whether and when to try again. */
export abstract class ApiRequestError extends OptoutError {
  /** HTTP status, or undefined when no response arrived. */
  abstract readonly status: number | undefined;
}

/** 429: the server's budget is spent until `resetAt` (null when the server did not say). */
export class RateLimitedError extends ApiRequestError {
  readonly status = 429;
  readonly resetAt: Date | null;
  readonly rateLimit: RateLimitInfo | null;
  constructor(resetAt: Date | null, rateLimit: RateLimitInfo | null, options?: { cause?: unknown }) {
    const when = resetAt === null ? "an unknown time" : resetAt.toISOString();
    super(`The server rate-limited the request (429) until ${when}; the bot waits for the reset.`, options);
    this.resetAt = resetAt;
    this.rateLimit = rateLimit;
  }
}

/** 5xx: the server failed; the outcome of a POST is unknown. Retried with backoff. */
export class ServerError extends ApiRequestError {
  readonly status: number;
  constructor(status: number, serverMessage: string, options?: { cause?: unknown }) {
    super(`The server answered ${status} (${serverMessage}); the bot retries with backoff.`, options);
    this.status = status;
  }
}

/** 4xx other than 429: the request itself is refused; retrying the same request will not help. */
export class ClientError extends ApiRequestError {
  readonly status: number;
  /** The server's `error` text (plus `error_description` when given), e.g. "Record not found". */
  readonly serverMessage: string;
  constructor(status: number, serverMessage: string, options?: { cause?: unknown }) {
    super(`The server refused the request with ${status}: ${serverMessage}`, options);
    this.status = status;
    this.serverMessage = serverMessage;
  }

  /** 404: the status replied to or favourited no longer exists (deleted) or is not visible. */
  get targetGone(): boolean {
    return this.status === 404;
  }
}

/**
 * No usable HTTP answer: connection refused or reset, timeout, abort, a non-JSON error page (e.g. a
 * proxy's), or an unreadable body. The outcome of a POST is unknown. Retried with backoff.
 */
export class NetworkError extends ApiRequestError {
  readonly status = undefined;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The request to the Mastodon server failed without an HTTP answer: ${detail}`, options);
  }
}

/** A poster must throw `ApiRequestError`s; anything else is treated as a failed connection. */
export function asApiRequestError(error: unknown): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new NetworkError(detail, { cause: error });
}
