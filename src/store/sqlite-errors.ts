import { StoreError } from "./store-errors.js";

/** Converts a better-sqlite3 failure into a StoreError that says what to check. */
export function toStoreError(what: string, cause: unknown): StoreError {
  if (cause instanceof StoreError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = typeof cause === "object" && cause !== null && "code" in cause ? cause.code : undefined;
  const hint =
    code === "SQLITE_BUSY"
      ? " Another process holds the database lock: is a second bot running on the same DATA_DIR?"
      : code === "SQLITE_FULL"
        ? " The disk holding DATA_DIR is full."
        : message.includes("not open")
          ? " The state store was already closed."
          : "";
  return new StoreError(`State store: ${what} failed: ${message}.${hint}`, { cause });
}
