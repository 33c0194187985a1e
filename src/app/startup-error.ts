import { OptoutError } from "../domain/errors.js";

/** The bot cannot reach its account: a wrong URL, a revoked token, a server that is down. */
export class StartupError extends OptoutError {}
