import { MastoDeserializeError, MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from "masto";
import {
  type ApiRequestError,
  ClientError,
  NetworkError,
  RateLimitedError,
  ServerError,
} from "../outbox/errors.js";
import { parseRateLimitReset, readRateLimit } from "./rate-limit-headers.js";
import { RequestTimeoutError } from "./request-deadline.js";
import { unreadableResponse, withoutResponseBody } from "./unreadable-response.js";

/**
 * Converts whatever masto or fetch threw into the outbox's typed errors, keeping it as `cause`.
 * Anything unrecognised counts as a network failure: retried with backoff, never a crash.
 */
export function toApiRequestError(error: unknown, now: Date, serverAheadMs = 0): ApiRequestError {
  if (error instanceof MastoHttpError) return fromHttpError(error, now, serverAheadMs);
  if (error instanceof RequestTimeoutError) return new NetworkError(error.message, { cause: error });
  if (error instanceof MastoTimeoutError) return new NetworkError("the request timed out", { cause: error });
  if (error instanceof MastoDeserializeError) {
    const unreadable = unreadableResponse(error);
    return new NetworkError(unreadable.message, { cause: unreadable });
  }
  if (error instanceof MastoUnexpectedError) {
    return new NetworkError(`unexpected answer (${error.message})`, { cause: error });
  }
  if (error instanceof Error && error.name === "AbortError") {
    return new NetworkError("the request was aborted", { cause: error });
  }
  return new NetworkError(describeNetworkFailure(error), { cause: error });
}

function fromHttpError(error: MastoHttpError, now: Date, serverAheadMs: number): ApiRequestError {
  const status = error.statusCode;
  const headers = error.cause instanceof Response ? error.cause.headers : undefined;
  const message = error.description ? `${error.message}: ${error.description}` : error.message;
  if (status === 429) {
    const reset = parseRateLimitReset(headers?.get("x-ratelimit-reset") ?? null, now, serverAheadMs);
    return new RateLimitedError(reset, readRateLimit(headers, now, serverAheadMs), { cause: error });
  }
  if (status >= 500) return new ServerError(status, message, { cause: error });
  if (status >= 400) return new ClientError(status, message, { cause: error });
  // masto only throws for non-2xx; a 3xx here is a misbehaving server or proxy.
  return new NetworkError(`unexpected HTTP status ${status}`, { cause: error });
}

/** "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, ...): it is named. */
export function describeNetworkFailure(failure: unknown): string {
  const error = withoutResponseBody(failure);
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const detail = code ?? (typeof cause?.message === "string" ? cause.message : undefined);
  return detail === undefined ? error.message : `${error.message} (${detail})`;
}
