import { COOLDOWN_WINDOW_MS, type ReplyHistory } from "../policy/reply-policy.js";
import type { StateStore } from "../store/state-store.js";

/** What the reply policy needs of an account's past replies, read from the store at `now`. */
export function replyHistory(
  store: Pick<StateStore, "repliesSince" | "lastTopicMenuAt">,
  accountId: string,
  now: Date,
): ReplyHistory {
  return {
    repliesLastHour: store.repliesSince(accountId, new Date(now.getTime() - COOLDOWN_WINDOW_MS)),
    lastMenuAt: store.lastTopicMenuAt(accountId),
  };
}
