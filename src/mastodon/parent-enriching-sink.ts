import type { HandledNotification, InboundSink, NotificationSource } from "../domain/notification.js";
import type { ParentSource } from "./parent-fetcher.js";

/**
 * Reads the parent of each mention that replies to a post before handing it to the core, so the
 * handler stays free of network I/O. It awaits inside the hand-over (the listener's queue, each
 * catch-up step): the next notification waits, the order holds, and the cursor moves only once
 * the core stored the outcome. The read is bounded and never fails (ParentFetcher).
 */
export function withParents(sink: InboundSink, parents: ParentSource): InboundSink {
  return {
    async notification(notification: HandledNotification, source: NotificationSource): Promise<void> {
      if (notification.kind !== "mention") return sink.notification(notification, source);
      const { mention } = notification;
      if (mention.inReplyToId === null || mention.parent !== undefined) {
        return sink.notification(notification, source);
      }
      const parent = await parents.parentOf(mention.inReplyToId);
      const enriched = parent === null ? notification : { ...notification, mention: { ...mention, parent } };
      return sink.notification(enriched, source);
    },
    statusDeleted: (statusId) => sink.statusDeleted(statusId),
  };
}
