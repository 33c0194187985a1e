import type { mastodon } from "masto";
import type { MentionParent } from "../domain/mention.js";
import type { Logger } from "../observability/logger.js";
import { ClientError } from "../outbox/errors.js";
import { toApiRequestError } from "./poster-errors.js";
import { withDeadline } from "./request-deadline.js";

/** One `GET /api/v1/statuses/:id`, the status as masto hands it over; `signal` abandons it. */
export type FetchStatus = (statusId: string, signal: AbortSignal) => Promise<unknown>;

export function fetchStatusVia(rest: mastodon.rest.Client): FetchStatus {
  return (statusId, signal) =>
    rest.v1.statuses.$select(statusId).fetch(undefined, { requestInit: { signal } });
}

export interface ParentFetcherOptions {
  readonly fetchStatus: FetchStatus;
  /** The bot's own account id: a parent by it is `fromBot`. */
  readonly botAccountId: string;
  readonly logger: Logger;
  /** How long a mention may wait for its parent. @default 4 s */
  readonly timeoutMs?: number;
  /** Parents kept, newest used first. @default 500 */
  readonly cacheSize?: number;
  /** How long a parent read is reused (stream and catch-up hand a mention over twice). @default 10 min */
  readonly cacheTtlMs?: number;
  /**
   * After a failure that may pass (timeout, 5xx, network), parents are not asked for this long:
   * a struggling server costs one timeout per pause, not one per mention of a backlog. @default 60 s
   */
  readonly pauseMs?: number;
  /** ms clock for the cache and the pause. @default Date.now */
  readonly now?: () => number;
}

/** Reads the post a mention replies to; what it could not read is null. */
export interface ParentSource {
  parentOf(statusId: string): Promise<MentionParent | null>;
}

interface Cached {
  readonly parent: MentionParent | null;
  readonly until: number;
}

/**
 * Reads a mention's parent with one bounded request, cached by status id (a small LRU). Never
 * throws: a parent that is gone or not visible to the bot (404, a private post), a timeout or a
 * server error are logged and give null, and the mention is judged alone.
 */
export class ParentFetcher implements ParentSource {
  readonly #options: ParentFetcherOptions;
  readonly #cache = new Map<string, Cached>();
  readonly #now: () => number;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: ParentFetcherOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  async parentOf(statusId: string): Promise<MentionParent | null> {
    const cached = this.#cached(statusId);
    if (cached !== undefined) return cached.parent;
    const log = this.#options.logger.child({ parentId: statusId });
    if (this.#now() < this.#pausedUntil) {
      log.debug("parent not read: reading paused after a failure; the mention is judged alone");
      return null;
    }
    try {
      const parent = toParent(await this.#fetch(statusId), this.#options.botAccountId);
      if (parent === null) log.info("parent unreadable (not a status); the mention is judged alone");
      this.#remember(statusId, parent);
      return parent;
    } catch (error) {
      const failure = toApiRequestError(error, new Date(this.#now()));
      if (failure instanceof ClientError) {
        // Deleted, or private and not visible to the bot: asking again gives the same answer.
        log.debug({ status: failure.status }, "parent not visible to the bot; the mention is judged alone");
        this.#remember(statusId, null);
      } else {
        this.#pausedUntil = this.#now() + (this.#options.pauseMs ?? 60_000);
        log.info({ error: failure.message }, "parent could not be read; the mention is judged alone");
      }
      return null;
    }
  }

  /** The request, under the bot's own deadline (abandoned when it fires, even after a GC). */
  #fetch(statusId: string): Promise<unknown> {
    return withDeadline(this.#options.timeoutMs ?? 4_000, (signal) =>
      this.#options.fetchStatus(statusId, signal),
    );
  }

  #cached(statusId: string): Cached | undefined {
    const entry = this.#cache.get(statusId);
    if (entry === undefined) return undefined;
    this.#cache.delete(statusId);
    if (entry.until <= this.#now()) return undefined;
    this.#cache.set(statusId, entry); // most recently used last
    return entry;
  }

  #remember(statusId: string, parent: MentionParent | null): void {
    const size = this.#options.cacheSize ?? 500;
    this.#cache.set(statusId, { parent, until: this.#now() + (this.#options.cacheTtlMs ?? 600_000) });
    for (const oldest of this.#cache.keys()) {
      if (this.#cache.size <= size) break;
      this.#cache.delete(oldest);
    }
  }
}

/** The fields the matcher needs; null for an answer that is not a readable status. */
function toParent(value: unknown, botAccountId: string): MentionParent | null {
  if (typeof value !== "object" || value === null) return null;
  const status = value as { content?: unknown; language?: unknown; account?: { id?: unknown } | null };
  if (typeof status.content !== "string") return null;
  const language = typeof status.language === "string" && status.language !== "" ? status.language : null;
  const authorId = status.account?.id;
  // Some servers send numeric ids (see to-inbound.ts).
  const fromBot = authorId !== undefined && String(authorId) === botAccountId;
  return { content: status.content, language, fromBot };
}
