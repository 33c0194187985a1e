import { OptoutError } from "../domain/errors.js";

/** The state database could not be opened, read or written; the message says what to check. */
export class StoreError extends OptoutError {}

/** The database was written by a newer release whose schema this code does not know. */
export class SchemaTooNewError extends StoreError {
  readonly path: string;
  readonly foundVersion: number;
  readonly knownVersion: number;
  constructor(path: string, foundVersion: number, knownVersion: number) {
    super(
      `The state database ${path} has schema version ${foundVersion}, but this release of optout-bot ` +
        `only knows versions up to ${knownVersion}: it was written by a newer release. Run that newer ` +
        "release again, or restore a backup of DATA_DIR taken with this one. Do not delete the file " +
        "unless you accept that pending replies and the reminder history are lost (reminders could repeat).",
    );
    this.path = path;
    this.foundVersion = foundVersion;
    this.knownVersion = knownVersion;
  }
}

/** Another process holds DATA_DIR: two bots on one folder would answer every mention twice. */
export class DataDirLockedError extends StoreError {
  readonly dataDir: string;
  /** The holder's process id as it wrote it into the lock file; null if not yet written. */
  readonly holderPid: number | null;
  constructor(dataDir: string, holderPid: number | null, options?: { cause?: unknown }) {
    const holder = holderPid === null ? "another process" : `process ${holderPid}`;
    super(
      `DATA_DIR ${dataDir} is in use by ${holder}: another optout-bot is running on this folder, and two ` +
        "would answer every mention twice. Stop the other bot, or give this one its own DATA_DIR.",
      options,
    );
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

/** The state database file is empty or damaged; the bot must not start a new history over it. */
export class DamagedDatabaseError extends StoreError {
  readonly path: string;
  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(
      `The state database ${path} ${problem}. Restore it from a backup of DATA_DIR, or, to start ` +
        "with an empty history, move it (and its -wal and -shm files) away: pending replies and the " +
        "reminder history are then lost.",
      options,
    );
    this.path = path;
  }
}
