/**
 * Which notifications one list request returns (API notes §3, Mastodon's Paginable): newest first;
 * `max_id` = older than; `since_id` = the newest `limit` entries newer than; `min_id` = the `limit`
 * entries immediately newer than (oldest side). `min_id` wins over `since_id`.
 */
import { compareIds } from "../ids.js";
import type { FakeNotification } from "../types.js";

export const DEFAULT_LIMIT = 40;
export const MAX_LIMIT = 80;

export interface PageQuery {
  limit: number;
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  types: string[];
  excludeTypes: string[];
  accountId?: string | undefined;
}

/** Rails `limit_param`: absent → default; else |to_i| capped at twice the default. */
export function limitParam(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const n = Math.abs(Number.parseInt(raw, 10));
  return Math.min(Number.isNaN(n) ? 0 : n, MAX_LIMIT);
}

/** `all` is oldest first; the page comes back newest first. */
export function selectPage(all: readonly FakeNotification[], q: PageQuery): FakeNotification[] {
  const matching = all.filter(
    (n) =>
      (q.types.length === 0 || q.types.includes(n.type)) &&
      !q.excludeTypes.includes(n.type) &&
      (q.accountId === undefined || n.account.id === q.accountId) &&
      (q.maxId === undefined || compareIds(n.id, q.maxId) < 0),
  );
  const ascending = [...matching].sort((a, b) => compareIds(a.id, b.id));
  if (q.minId !== undefined) {
    const minId = q.minId;
    return ascending
      .filter((n) => compareIds(n.id, minId) > 0)
      .slice(0, q.limit)
      .reverse();
  }
  const sinceId = q.sinceId;
  const newer = sinceId === undefined ? ascending : ascending.filter((n) => compareIds(n.id, sinceId) > 0);
  return newer.reverse().slice(0, q.limit);
}
