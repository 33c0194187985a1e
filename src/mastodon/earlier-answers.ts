import type { mastodon } from "masto";
import type { Logger } from "../observability/logger.js";
import { ownStatusPages } from "./own-statuses.js";

/** At most this many of the bot's statuses (40 a page) are read at a first start. */
const MAX_PAGES = 10;

export interface EarlierAnswersOptions {
  readonly rest: mastodon.rest.Client;
  readonly botAccountId: string;
  /** Statuses older than this are not read: mentions from before are not answered anyway. */
  readonly since: Date;
  readonly logger: Logger;
  /** How far the server's clock is ahead of ours: its `created_at` is read on our clock. */
  readonly serverAheadMs?: number;
}

/**
 * The ids of the statuses the bot has answered lately, from its own recent statuses'
 * `in_reply_to_id`: at a first start (no cursor: a new bot, or a lost data folder) these mentions
 * were answered by an earlier run. When the server does not tell, the bot goes on without.
 */
export async function findEarlierAnswers(options: EarlierAnswersOptions): Promise<ReadonlySet<string>> {
  const { rest, botAccountId, since, logger } = options;
  const answered = new Set<string>();
  try {
    const pages = ownStatusPages({ rest, botAccountId, excludeReplies: false, maxPages: MAX_PAGES });
    for await (const page of pages) {
      for (const status of page) if (status.inReplyToId) answered.add(status.inReplyToId);
      const oldest = Date.parse(page.at(-1)!.createdAt) - (options.serverAheadMs ?? 0);
      if (oldest < since.getTime()) break;
    }
  } catch (error) {
    logger.warn(
      { err: error },
      "first start: could not read the bot's earlier replies; mentions it answered before may be answered again",
    );
  }
  return answered;
}
