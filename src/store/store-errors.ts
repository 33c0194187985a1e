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
