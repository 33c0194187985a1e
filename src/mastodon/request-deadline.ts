import { OptoutError } from "../domain/errors.js";
import { abandonOnAbort } from "./abandon-on-abort.js";

/** The server accepted a request but did not answer in time; the caller retries or goes on. */
export class RequestTimeoutError extends OptoutError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`the server did not answer within ${timeoutMs} ms; the request was given up`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Runs one request with the bot's own timeout. masto's timeout (`AbortSignal.timeout` inside
 * `AbortSignal.any`) is lost after a garbage collection on Node 20 (nodejs/node#57736), and fetch
 * may drop a copied Request's signal after one too (nodejs/undici#4068). So the timer here is a
 * plain, referenced `setTimeout`, and the caller stops waiting when it fires even if the request
 * never sees the abort. `outer` (shutdown) aborts too, with its own reason.
 */
export function withDeadline<T>(
  timeoutMs: number,
  request: (signal: AbortSignal) => PromiseLike<T>,
  outer?: AbortSignal,
): Promise<T> {
  outer?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestTimeoutError(timeoutMs)), timeoutMs);
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  let pending: Promise<T>;
  try {
    pending = Promise.resolve(request(controller.signal));
  } catch (error) {
    pending = Promise.reject(error);
  }
  return abandonOnAbort(pending, controller.signal).finally(() => {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  });
}
