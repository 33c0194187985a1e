import type { mastodon } from "masto";
import { abandonOnAbort } from "./abandon-on-abort.js";

/** Mastodon's largest page of an account's statuses. */
const PAGE_LIMIT = 40;

export interface OwnStatusesOptions {
  readonly rest: mastodon.rest.Client;
  readonly botAccountId: string;
  /** Leave out replies to others (self-replies, threads, stay), as the server does. */
  readonly excludeReplies: boolean;
  /** Pages read at most. */
  readonly maxPages: number;
  /** Stops waiting for the page in flight (shutdown), rejecting with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The bot's own statuses, a page (40) at a time, newest first, boosts left out; the caller stops
 * when it has seen enough. Pages with explicit `max_id` rather than masto's Link-following
 * paginator, so servers that send no `Link` header page the same way as Mastodon.
 */
export async function* ownStatusPages(options: OwnStatusesOptions): AsyncGenerator<mastodon.v1.Status[]> {
  const { rest, botAccountId, excludeReplies, signal } = options;
  let maxId: string | undefined;
  for (let page = 0; page < options.maxPages; page++) {
    const request = rest.v1.accounts.$select(botAccountId).statuses.list({
      limit: PAGE_LIMIT,
      excludeReplies,
      excludeReblogs: true,
      ...(maxId === undefined ? {} : { maxId }),
    });
    const answer: unknown = await (signal ? abandonOnAbort(Promise.resolve(request), signal) : request);
    // A non-Mastodon server may answer 200 with an HTML page: masto then resolves `undefined`.
    const statuses = Array.isArray(answer) ? (answer as mastodon.v1.Status[]) : [];
    if (statuses.length === 0) return;
    yield statuses;
    maxId = statuses.at(-1)!.id;
  }
}
