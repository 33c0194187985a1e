import type { HandledNotification, InboundSink, NotificationSource } from "../domain/notification.js";
import type { ParentSource } from "./parent-fetcher.js";

/**
 * Reads the parent of each mention that replies to a post before handing it to the core, so the
 * handler stays free of network I/O. It awaits inside the hand-over (the listener's queue, each
 * catch-up page), one parent after another: the next hand-over waits, the order holds, and the
 * cursor moves only once the core stored the outcome. The read is bounded and never fails
 * (ParentFetcher).
 */
export function withParents(sink: InboundSink, parents: ParentSource): InboundSink {
  return {
    async notifications(batch: readonly HandledNotification[], source: NotificationSource): Promise<void> {
      const enriched: HandledNotification[] = [];
      for (const notification of batch) enriched.push(await withParent(notification, parents));
      return sink.notifications(enriched, source);
    },
    statusDeleted: (statusId) => sink.statusDeleted(statusId),
  };
}

async function withParent(
  notification: HandledNotification,
  parents: ParentSource,
): Promise<HandledNotification> {
  if (notification.kind !== "mention") return notification;
  const { mention } = notification;
  if (mention.inReplyToId === null || mention.parent !== undefined) return notification;
  const parent = await parents.parentOf(mention.inReplyToId);
  return parent === null ? notification : { ...notification, mention: { ...mention, parent } };
}
