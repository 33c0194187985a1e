import type { mastodon } from "masto";
import { abandonOnAbort } from "./abandon-on-abort.js";
import type { WireNotification } from "./to-inbound.js";
import { withoutResponseBody } from "./unreadable-response.js";

/** The notification types the bot acts on; asked of the server and checked again client-side. */
export const WANTED_TYPES = ["mention", "follow"] as const;

/** Mastodon's maximum page size for notifications since 4.1 (older servers cut it silently). */
export const PAGE_LIMIT = 80;

export interface PageQuery {
  /** Entries immediately newer than this id (the oldest side first). */
  readonly minId?: string;
  /** Entries older than this id. */
  readonly maxId?: string;
  readonly limit: number;
}

/**
 * One page of `GET /api/v1/notifications`, as the server returned it (order not trusted); `signal`
 * aborts the request (shutdown).
 */
export type ListNotifications = (
  query: PageQuery,
  signal?: AbortSignal,
) => Promise<readonly WireNotification[]>;

/**
 * Pages through masto's client one request at a time. The paging is done by the caller with
 * explicit `min_id`/`max_id` rather than masto's Link-following paginator, so servers that send no
 * `Link` header page the same way as Mastodon.
 */
export function listNotificationsVia(rest: mastodon.rest.Client): ListNotifications {
  return async (query, signal) => {
    const request = rest.v1.notifications.list({
      limit: query.limit,
      types: [...WANTED_TYPES],
      ...(query.minId === undefined ? {} : { minId: query.minId }),
      ...(query.maxId === undefined ? {} : { maxId: query.maxId }),
    });
    // masto's paginator drops per-request options (its `signal` too): the caller stops waiting
    // instead, and the abandoned request ends by the client's timeout.
    let page: unknown;
    try {
      page = await (signal ? abandonOnAbort(Promise.resolve(request), signal) : request);
    } catch (error) {
      // A truncated page would put other people's direct messages into the logs and /readyz.
      throw withoutResponseBody(error);
    }
    // A non-Mastodon server may answer 200 with an HTML page: masto then resolves `undefined`.
    return Array.isArray(page) ? (page as WireNotification[]) : [];
  };
}
