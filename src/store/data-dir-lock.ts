import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { toStoreError } from "./sqlite-errors.js";
import { DataDirLockedError, StoreError } from "./store-errors.js";

/** The lock file's name inside DATA_DIR. */
export const LOCK_FILE_NAME = "optout-bot.lock";

/** Where SQLite keeps `user_version` in a database file: a 4-byte big-endian integer. */
const USER_VERSION_OFFSET = 60;

/**
 * The open lock databases. better-sqlite3 closes a database that is garbage-collected, which would
 * drop the lock while the bot still runs: only `release()` may let go of it.
 */
const held = new Set<Database.Database>();

/** Held while the bot uses DATA_DIR; `release()` lets the next process in. */
export interface DataDirLock {
  release(): void;
}

/**
 * Takes the exclusive lock on DATA_DIR or throws DataDirLockedError naming the holder. The lock is
 * an SQLite database held in exclusive locking mode: SQLite's file lock belongs to the process, so
 * the OS drops it when the process dies, even by SIGKILL, and a restart never meets a stale lock.
 * The holder's pid goes into the file's `user_version`, which a refused process reads from the
 * raw header (the lock keeps SQLite itself from reading it).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 0 });
  } catch (cause) {
    throw toStoreError(`open the lock file ${path}`, cause);
  }
  try {
    // Exclusive mode first: the first write then takes the lock and keeps it until close.
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = MEMORY");
    db.exec("BEGIN EXCLUSIVE");
    db.pragma(`user_version = ${process.pid}`);
    db.exec("COMMIT");
  } catch (cause) {
    db.close();
    if ((cause as { code?: unknown }).code === "SQLITE_BUSY") {
      throw new DataDirLockedError(dataDir, readHolderPid(path), { cause });
    }
    throw new StoreError(
      `Cannot lock DATA_DIR with ${path}: ${(cause as Error).message}. The file holds only the lock ` +
        "and the holder's pid: with no bot running, delete it.",
      { cause },
    );
  }
  held.add(db);
  return {
    release: () => {
      held.delete(db);
      if (db.open) db.close();
    },
  };
}

function readHolderPid(path: string): number | null {
  try {
    const header = readFileSync(path);
    const pid = header.length >= USER_VERSION_OFFSET + 4 ? header.readUInt32BE(USER_VERSION_OFFSET) : 0;
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
