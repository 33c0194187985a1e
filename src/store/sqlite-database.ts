import { statSync } from "node:fs";
import Database from "better-sqlite3";
import type { Logger } from "../observability/logger.js";
import { migrate } from "./migrations.js";
import { toStoreError } from "./sqlite-errors.js";
import { DamagedDatabaseError, StoreError } from "./store-errors.js";

export interface SqliteDatabaseOptions {
  /** Passed in; migrations and the open are logged at info. */
  readonly logger?: Logger | undefined;
  /** How long a write waits for another process's lock before failing, in ms. @default 5000 */
  readonly busyTimeoutMs?: number;
}

/** Where a throwaway store lives (local mode, tests): in this process only, gone at close. */
export const IN_MEMORY = ":memory:";

/**
 * Opens (creating if needed) and migrates the database at `path` (or `:memory:`). A file runs in
 * WAL with synchronous=FULL: every commit is on disk before the bot sends, so even a power cut
 * cannot forget a `sending` mark and resend without looking first; the bot writes a few rows per
 * mention, so the extra fsync costs nothing that matters. An existing file that is empty or fails
 * SQLite's quick_check is refused with DamagedDatabaseError rather than used or started over.
 */
export function openSqliteDatabase(path: string, options: SqliteDatabaseOptions = {}): Database.Database {
  const timeout = options.busyTimeoutMs ?? 5000;
  if (path !== IN_MEMORY) refuseEmptyFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout });
  } catch (cause) {
    throw new StoreError(
      `Cannot open the state database ${path}: ${(cause as Error).message}. Check that DATA_DIR exists ` +
        "and that the bot's user may write to it.",
      { cause },
    );
  }
  try {
    db.pragma(`busy_timeout = ${timeout}`);
    // An in-memory database has no file to share or lose; it keeps SQLite's memory journal.
    if (!db.memory) {
      useWal(db, path);
      checkIntact(db, path);
    }
    db.pragma("foreign_keys = ON");
    const { from, to } = migrate(db, { path, logger: options.logger });
    options.logger?.info({ path, schemaVersion: to, migratedFrom: from }, "state store opened");
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof StoreError) throw cause;
    if (isDamage(cause))
      throw new DamagedDatabaseError(path, `is damaged (${(cause as Error).message})`, { cause });
    throw toStoreError(`open ${path}`, cause);
  }
}

function useWal(db: Database.Database, path: string): void {
  const mode = db.pragma("journal_mode = WAL", { simple: true });
  if (mode !== "wal") {
    throw new StoreError(
      `The state database ${path} cannot use WAL (journal_mode is ${String(mode)}); put DATA_DIR on a local disk.`,
    );
  }
  db.pragma("synchronous = FULL");
}

/**
 * A 0-byte file is what a lost or truncated database can leave (SQLite writes the header as soon
 * as it creates one), and SQLite would silently treat it as a new, empty history.
 */
function refuseEmptyFile(path: string): void {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === 0) throw new DamagedDatabaseError(path, "is empty (0 bytes)");
}

/** Damaged pages behind a valid header would otherwise fail one query at a time while the bot looks healthy. */
function checkIntact(db: Database.Database, path: string): void {
  const result = db.pragma("quick_check", { simple: true });
  if (result !== "ok") throw new DamagedDatabaseError(path, `is damaged (quick_check: ${String(result)})`);
}

function isDamage(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  return code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB";
}
