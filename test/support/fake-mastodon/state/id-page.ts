/**
 * One page of an id-ordered list as Mastodon's Paginable returns it (API notes §3): newest first;
 * `max_id` = older than; `since_id` = the newest `limit` entries newer than; `min_id` = the `limit`
 * entries immediately newer than (oldest side). `min_id` wins over `since_id`.
 */
import { compareIds } from "../ids.js";

export interface IdPageQuery {
  limit: number;
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
}

/** Rails `limit_param`: absent → the endpoint's default; else |to_i| capped at twice the default. */
export function limitParam(raw: string | undefined, defaultLimit: number): number {
  if (raw === undefined) return defaultLimit;
  const n = Math.abs(Number.parseInt(raw, 10));
  return Math.min(Number.isNaN(n) ? 0 : n, 2 * defaultLimit);
}

/** `items` in any order; the page comes back newest first. */
export function idPage<T extends { readonly id: string }>(items: readonly T[], q: IdPageQuery): T[] {
  const maxId = q.maxId;
  const older = maxId === undefined ? items : items.filter((x) => compareIds(x.id, maxId) < 0);
  const ascending = [...older].sort((a, b) => compareIds(a.id, b.id));
  const minId = q.minId;
  if (minId !== undefined) {
    return ascending
      .filter((x) => compareIds(x.id, minId) > 0)
      .slice(0, q.limit)
      .reverse();
  }
  const sinceId = q.sinceId;
  const newer = sinceId === undefined ? ascending : ascending.filter((x) => compareIds(x.id, sinceId) > 0);
  return newer.reverse().slice(0, q.limit);
}
