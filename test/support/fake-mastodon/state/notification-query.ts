/** Which notifications one list request returns: filtered by type and account, then paged by id. */
import type { FakeNotification } from "../types.js";
import { type IdPageQuery, idPage, limitParam as pageLimit } from "./id-page.js";

export const DEFAULT_LIMIT = 40;
export const MAX_LIMIT = 80;

export interface PageQuery extends IdPageQuery {
  types: string[];
  excludeTypes: string[];
  accountId?: string | undefined;
}

/** Rails `limit_param` for notifications: default 40, at most 80. */
export function limitParam(raw: string | undefined): number {
  return pageLimit(raw, DEFAULT_LIMIT);
}

/** `all` is oldest first; the page comes back newest first. */
export function selectPage(all: readonly FakeNotification[], q: PageQuery): FakeNotification[] {
  const matching = all.filter(
    (n) =>
      (q.types.length === 0 || q.types.includes(n.type)) &&
      !q.excludeTypes.includes(n.type) &&
      (q.accountId === undefined || n.account.id === q.accountId),
  );
  return idPage(matching, q);
}
