import type {
  CatchUpCursor,
  HandledNotification,
  InboundNotification,
  InboundSink,
  NotificationSource,
} from "../domain/notification.js";
import type { Logger } from "../observability/logger.js";
import { compareIds, newerId } from "../store/notification-id.js";
import { type ListNotifications, PAGE_LIMIT } from "./notification-pages.js";
import { toInbound, type WireNotification, warnIfWithoutAcct } from "./to-inbound.js";

export interface CatchUpOptions {
  readonly list: ListNotifications;
  readonly sink: Pick<InboundSink, "notifications">;
  /** The newest notification already handled, or null on the very first start. */
  readonly cursor: string | null;
  readonly source: NotificationSource;
  /** First start only: notifications created before this are not answered (too old to help). */
  readonly since: Date;
  /** Stands in for a notification's unreadable `created_at`. */
  readonly now: Date;
  /**
   * Called once, at the end of a complete run, with the newest id examined when nothing handed to
   * the sink was that new (skipped types, or history older than `since`): the cursor may move
   * there, as every older notification was seen.
   */
  readonly skipTo?: CatchUpCursor["skipTo"];
  readonly logger: Logger;
  /** Page size asked for (default 80). */
  readonly limit?: number;
  /** How far the server's clock is ahead of ours: its `created_at` is read on our clock. */
  readonly serverAheadMs?: number;
  /** Safety stop for a server that pages forever (default 1000 pages). */
  readonly maxPages?: number;
  /**
   * Shutdown: aborts the page request in flight and stops before the next page or hand-over,
   * rejecting with the signal's reason. What was handed over stays handed over; nothing else moves.
   */
  readonly signal?: AbortSignal;
}

export interface CatchUpResult {
  /** Notifications handed to the sink. */
  readonly delivered: number;
  readonly requests: number;
  /** The newest id examined, or the cursor when nothing newer was found. */
  readonly newestId: string | null;
}

interface Run {
  readonly options: CatchUpOptions;
  readonly seen: Set<string>;
  requests: number;
  delivered: number;
  examined: string | null;
  handed: string | null;
}

/**
 * Hands every wanted notification newer than the cursor to the sink, oldest first, awaiting each
 * (the sink moves the cursor once the reply is durably queued). Pages forward with `min_id` until
 * an empty page; a short page is not the end. Servers that ignore `types[]`, `min_id` or
 * `since_id` give the same result: types are filtered here, ids at or below the cursor and repeats
 * are skipped, paging stops when a page brings nothing new, and a first page that does not reach
 * down to the cursor is checked for a gap below it (a server that ignored `min_id` answered with
 * its newest page), which is then filled by paging backwards with `max_id`.
 *
 * Without a cursor (first start ever) it pages backwards from the newest and answers only what was
 * created at or after `since`: a new bot does not answer its whole history, and `skipTo` reports
 * how far it looked so the caller can set the cursor.
 */
export async function catchUp(options: CatchUpOptions): Promise<CatchUpResult> {
  const run: Run = { options, seen: new Set(), requests: 0, delivered: 0, examined: null, handed: null };
  const { cursor } = options;
  if (cursor === null) await handAll(run, await collectBackward(run, undefined));
  else await pageForward(run, cursor);
  const newest = run.examined === null ? cursor : newerId(cursor, run.examined);
  if (options.skipTo && newest !== null && newest !== cursor && newest !== run.handed) options.skipTo(newest);
  return { delivered: run.delivered, requests: run.requests, newestId: newest };
}

async function pageForward(run: Run, cursor: string): Promise<void> {
  const { limit = PAGE_LIMIT, maxPages = 1000, logger } = run.options;
  let from = cursor;
  for (let page = 0; page < maxPages; page++) {
    const all = await fetchPage(run, { minId: from, limit });
    const fresh = all.filter((n) => compareIds(n.id, cursor) > 0 && !run.seen.has(n.id));
    if (fresh.length === 0) return; // empty page, or the same page again (min_id ignored)
    const oldest = fresh[0]!;
    if (page === 0 && fresh.length === all.length && (await gapBelow(run, oldest.id, cursor))) {
      logger.debug(
        { cursor, oldest: oldest.id },
        "catch-up: server ignored min_id; paging back to the cursor",
      );
      await handAll(run, await collectBackward(run, oldest.id));
    }
    await handAll(run, fresh);
    from = fresh.at(-1)!.id;
  }
  logger.warn({ maxPages, cursor: from }, "catch-up: stopped after the page limit; the next run goes on");
}

/** Whether a notification lies between the cursor and `id` (one cheap request). */
async function gapBelow(run: Run, id: string, cursor: string): Promise<boolean> {
  const below = await fetchPage(run, { maxId: id, limit: 1 });
  return below.some((n) => compareIds(n.id, cursor) > 0 && compareIds(n.id, id) < 0);
}

/**
 * Pages backwards from `maxId` (from the newest when undefined) down to the cursor, or, without
 * one, down to `since`; returns what lies above, oldest first.
 */
async function collectBackward(run: Run, maxId: string | undefined): Promise<InboundNotification[]> {
  const { cursor, since, limit = PAGE_LIMIT, maxPages = 1000 } = run.options;
  const collected: InboundNotification[] = [];
  let before = maxId;
  for (let page = 0; page < maxPages; page++) {
    const all = await fetchPage(run, before === undefined ? { limit } : { maxId: before, limit });
    const older = all.filter(
      (n) => (before === undefined || compareIds(n.id, before) < 0) && !run.seen.has(n.id),
    );
    if (older.length === 0) break; // empty page, or max_id ignored
    let reachedEnd = false;
    for (const n of older) {
      const tooOld =
        cursor === null ? n.createdAt.getTime() < since.getTime() : compareIds(n.id, cursor) <= 0;
      if (tooOld) {
        reachedEnd = true;
        if (cursor === null) markExamined(run, n.id);
      } else collected.push(n);
    }
    before = older[0]!.id;
    if (reachedEnd) break;
  }
  return dedupeAscending(collected);
}

/** One request; the page converted and sorted oldest first (servers' order is not trusted). */
async function fetchPage(run: Run, query: Parameters<ListNotifications>[0]): Promise<InboundNotification[]> {
  const { signal, now } = run.options;
  signal?.throwIfAborted();
  run.requests += 1;
  const wires = await run.options.list(query, signal);
  // A `null` in the list (seen from servers in trouble) would make every run throw, forever.
  const objects = wires.filter((w): w is WireNotification => typeof w === "object" && w !== null);
  if (objects.length < wires.length) {
    run.options.logger.warn(
      { count: wires.length - objects.length, query },
      "catch-up: passed over entries that are not objects",
    );
  }
  const page = objects
    .map((wire) => toInbound(wire, now, run.options.logger, run.options.serverAheadMs))
    .filter((n): n is InboundNotification => n !== null);
  return dedupeAscending(page);
}

/** Hands over what is wanted of `notifications` (oldest first) a page at a time: one commit each. */
async function handAll(run: Run, notifications: readonly InboundNotification[]): Promise<void> {
  const wanted: HandledNotification[] = [];
  for (const n of notifications) {
    if (run.seen.has(n.id)) continue;
    run.seen.add(n.id);
    markExamined(run, n.id);
    // Anything but mentions and follows (favourites, boosts, unknown types) is not the bot's business.
    if (n.kind === "other") warnIfWithoutAcct(n, run.options.logger);
    else wanted.push(n);
  }
  for (let start = 0; start < wanted.length; start += PAGE_LIMIT) {
    const batch = wanted.slice(start, start + PAGE_LIMIT);
    run.options.signal?.throwIfAborted(); // a hand-over under way finishes; the next waits
    await run.options.sink.notifications(batch, run.options.source);
    run.delivered += batch.length;
    run.handed = newerId(run.handed, batch.at(-1)!.id);
  }
}

function markExamined(run: Run, id: string): void {
  run.examined = newerId(run.examined, id);
}

function dedupeAscending(list: readonly InboundNotification[]): InboundNotification[] {
  const byId = new Map(list.map((n) => [n.id, n]));
  return [...byId.values()].sort((a, b) => compareIds(a.id, b.id));
}
