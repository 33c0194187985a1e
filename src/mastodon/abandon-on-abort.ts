/**
 * Stops waiting for `promise` when `signal` aborts, rejecting with its reason. For masto's
 * paginator, which drops per-request options (its `signal` too): the abandoned request ends by the
 * client's timeout.
 */
export function abandonOnAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  promise.catch(() => undefined); // its failure no longer matters to anyone once abandoned
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
