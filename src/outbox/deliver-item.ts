import type { OutboxItem } from "../store/state-store.js";
import type { RateLimitInfo, StatusPoster } from "./status-poster.js";

export interface Delivered {
  /** The created status's id (posts) or the favourited status's id. */
  readonly remoteId: string;
  readonly rateLimit: RateLimitInfo | null;
  /** The post was already on the server (an earlier attempt had created it): nothing was sent. */
  readonly foundOnServer: boolean;
}

/**
 * Sends one claimed item. A post tried before (`attempts > 0`: an earlier try ended in a 5xx, a
 * network error or a crash, so it may exist) is first looked for on the server (a reply in the
 * answered status's context, a top-level post among the bot's recent statuses), because not every
 * server honours `Idempotency-Key`.
 */
export async function deliverItem(
  item: OutboxItem,
  poster: StatusPoster,
  botAccountId: string,
  signal: AbortSignal,
): Promise<Delivered> {
  if (item.kind === "favourite") {
    const result = await poster.favourite(item.statusId, signal);
    return { remoteId: item.statusId, rateLimit: result.rateLimit, foundOnServer: false };
  }
  if (item.attempts > 0) {
    const query = { inReplyToId: item.inReplyToId, botAccountId, text: item.text, queuedAt: item.createdAt };
    const found = await poster.findOwnPost(query, signal);
    if (found !== null) return { remoteId: found, rateLimit: null, foundOnServer: true };
  }
  const created = await poster.createStatus(
    {
      text: item.text,
      inReplyToId: item.inReplyToId,
      visibility: item.visibility,
      language: item.language,
      idempotencyKey: item.idempotencyKey,
    },
    signal,
  );
  return { remoteId: created.id, rateLimit: created.rateLimit, foundOnServer: false };
}
