import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../observability/logger.js";
import { lockDataDir } from "./data-dir-lock.js";
import { SqliteStateStore } from "./sqlite-store.js";
import type { StateStore } from "./state-store.js";
import { StoreError } from "./store-errors.js";
import type { StoreObserver } from "./store-health.js";

/** The database file's name inside DATA_DIR. */
export const STATE_FILE_NAME = "optout-bot.sqlite";

export interface OpenStateStoreOptions {
  /** Folder of the state file (DATA_DIR); created if missing. */
  readonly dataDir: string;
  readonly logger?: Logger;
  /** Told the outcome of every read and write (StoreHealth in the live bot). */
  readonly observer?: StoreObserver;
  /** How long a write waits for another connection's lock before failing, in ms. @default 5000 */
  readonly busyTimeoutMs?: number;
}

/**
 * Creates DATA_DIR if needed, locks it against a second bot (see `lockDataDir`) and opens
 * `<dataDir>/optout-bot.sqlite`, checked, migrated and ready; `close()` releases the lock.
 */
export function openStateStore(props: OpenStateStoreOptions): StateStore {
  try {
    mkdirSync(props.dataDir, { recursive: true });
  } catch (cause) {
    throw new StoreError(
      `Cannot create DATA_DIR ${props.dataDir}: ${(cause as Error).message}. Set DATA_DIR to a folder the bot may write.`,
      { cause },
    );
  }
  const lock = lockDataDir(props.dataDir);
  try {
    const { dataDir, ...options } = props;
    return SqliteStateStore.open(join(dataDir, STATE_FILE_NAME), { ...options, lock });
  } catch (error) {
    lock.release();
    throw error;
  }
}
