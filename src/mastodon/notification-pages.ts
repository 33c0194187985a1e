import type { mastodon } from "masto";
import { withDeadline } from "./request-deadline.js";
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
export function listNotificationsVia(rest: mastodon.rest.Client, timeoutMs = 15_000): ListNotifications {
  return async (query, signal) => {
    // masto's paginator drops per-request options (its `signal` too): the deadline stops waiting
    // for a page that does not come (timeout or shutdown) instead.
    const request = () =>
      rest.v1.notifications.list({
        limit: query.limit,
        types: [...WANTED_TYPES],
        ...(query.minId === undefined ? {} : { minId: query.minId }),
        ...(query.maxId === undefined ? {} : { maxId: query.maxId }),
      });
    let page: unknown;
    try {
      page = await withDeadline(timeoutMs, request, signal);
    } catch (error) {
      // A truncated page would put other people's direct messages into the logs and /readyz.
      throw withoutResponseBody(error);
    }
    // A non-Mastodon server may answer 200 with an HTML page: masto then resolves `undefined`.
    return Array.isArray(page) ? (page as WireNotification[]) : [];
  };
}
