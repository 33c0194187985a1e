import { createRestAPIClient, type mastodon } from "masto";
import { USER_AGENT } from "./user-agent.js";

export interface RestClientOptions {
  /** The server's base URL, e.g. https://mastodon.example */
  readonly url: string;
  readonly accessToken: string;
  /**
   * masto's per-request timeout, a backstop only: it can be lost after a garbage collection on
   * Node 20, so the live bot's requests also run under `withDeadline`. masto does not retry.
   */
  readonly timeoutMs: number;
}

/**
 * masto's REST client with the bot's User-Agent on every request. masto can only log through
 * `console`; at level "error" its HTTP layer prints nothing (it logs requests at info/debug only).
 */
export function createRestClient(options: RestClientOptions): mastodon.rest.Client {
  return createRestAPIClient({
    url: options.url,
    accessToken: options.accessToken,
    timeout: options.timeoutMs,
    requestInit: { headers: { "User-Agent": USER_AGENT } },
    log: "error",
  });
}
