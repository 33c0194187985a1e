import { OptoutError } from "../domain/errors.js";

/** A command was called with missing or malformed arguments; the CLI exits 64 (EX_USAGE). */
export class UsageError extends OptoutError {}
