import type { Mention, MentionAuthor } from "./mention.js";

/**
 * A notification as the Mastodon adapter hands it to the core: already converted from the
 * API's shape, so the core never sees masto types. Anything but mentions and follows is
 * `other` and ignored.
 */
export type InboundNotification =
  | { readonly kind: "mention"; readonly id: string; readonly createdAt: Date; readonly mention: Mention }
  | {
      readonly kind: "follow";
      readonly id: string;
      readonly createdAt: Date;
      readonly account: MentionAuthor;
    }
  | { readonly kind: "other"; readonly id: string; readonly createdAt: Date; readonly type: string };

/** What the core acts on: the receiving side drops `other` notifications itself. */
export type HandledNotification = Extract<InboundNotification, { readonly kind: "mention" | "follow" }>;

/** Where a notification came from: the stream may run ahead of the catch-up cursor. */
export type NotificationSource = "stream" | "catch-up" | "poll";

/** What the receiving side reports to the core, in the order it learnt it. */
export interface InboundSink {
  /**
   * Notifications in the order received; each may repeat (stream and catch-up overlap). They are
   * stored in one commit; resolves once that is durable. On a failure the ones before it stay
   * stored, it and the ones after it do not, and the promise rejects.
   */
  notifications(batch: readonly HandledNotification[], source: NotificationSource): Promise<void>;
  /** A status was deleted: replies to it that are not sent yet are dropped. */
  statusDeleted(statusId: string): void;
}

/** The receiving side's view of the cursor; the core owns the rule that moves it. */
export interface CatchUpCursor {
  /** Where catch-up starts: the newest notification whose outcome is stored, or null (first start). */
  cursor(): string | null;
  /** Catch-up examined everything up to `id` and nothing there needs an answer: move past it. */
  skipTo(id: string): void;
}
