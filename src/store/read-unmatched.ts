import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { SCHEMA_VERSION } from "./migrations.js";
import { STATE_FILE_NAME } from "./open-state-store.js";
import { toStoreError } from "./sqlite-errors.js";
import { SELECT_UNMATCHED_SINCE, type UnmatchedSqlRow } from "./sqlite-statements.js";
import type { UnmatchedRecord } from "./state-store.js";
import { SchemaTooNewError, StoreError } from "./store-errors.js";
import { fromUnmatchedRow } from "./unmatched-rows.js";

/** The schema version that added the `unmatched` table. */
const UNMATCHED_SINCE_VERSION = 2;

/**
 * The kept unmatched mentions in `<dataDir>/optout-bot.sqlite` written at or after `since`, oldest
 * first. Opens the file read-only, so it is safe beside the running bot and never migrates it.
 */
export function readUnmatched(dataDir: string, since: Date): UnmatchedRecord[] {
  const path = join(dataDir, STATE_FILE_NAME);
  if (!existsSync(path)) {
    throw new StoreError(
      `No state database at ${path} yet: the bot has not run with DATA_DIR=${dataDir}. ` +
        "Set DATA_DIR to the bot's folder (in Docker, run the command inside the container).",
    );
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (cause) {
    throw toStoreError(`open ${path} read-only`, cause);
  }
  try {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new SchemaTooNewError(path, version, SCHEMA_VERSION);
    if (version < UNMATCHED_SINCE_VERSION) {
      throw new StoreError(
        `The state database ${path} has schema version ${version}, from a release that kept no ` +
          "unmatched mentions: start this release of the bot once to migrate it.",
      );
    }
    const rows = db.prepare<[number], UnmatchedSqlRow>(SELECT_UNMATCHED_SINCE).all(since.getTime());
    return rows.map(fromUnmatchedRow);
  } catch (cause) {
    throw cause instanceof StoreError ? cause : toStoreError(`read ${path}`, cause);
  } finally {
    db.close();
  }
}
