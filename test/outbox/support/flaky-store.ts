import type { StateStore } from "../../../src/store/state-store.js";

type Method = {
  [K in keyof StateStore]: StateStore[K] extends (...args: never[]) => unknown ? K : never;
}[keyof StateStore];

export type StoreFailures = Partial<Record<Method, number>>;

/** What a busy SQLite database throws; the sender must treat it like any other store failure. */
export class StoreBusyError extends Error {
  constructor(method: string) {
    super(`database is locked (${method})`);
  }
}

/**
 * `inner`, except that each method named in `failures` throws that many times before it works
 * (a lock held at start-up, a disk hiccup). `left` says how many throws are still to come.
 */
export function flakyStore<S extends StateStore>(
  inner: S,
  failures: StoreFailures,
): { store: S; left: StoreFailures } {
  const left: StoreFailures = { ...failures };
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = property as Method;
      return (...args: unknown[]) => {
        const remaining = left[method] ?? 0;
        if (remaining > 0) {
          left[method] = remaining - 1;
          throw new StoreBusyError(method);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store, left };
}
