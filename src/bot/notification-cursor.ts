import type { CatchUpCursor, NotificationSource } from "../domain/notification.js";
import type { AcceptNotificationInput, StateStore } from "../store/state-store.js";

/** What one notification gets, as the handler decides it; the cursor adds whether it may move. */
export type NotificationOutcome = Omit<AcceptNotificationInput, "advanceCursor">;

/** Stores a notification's outcome in one transaction; false when it was stored meanwhile. */
export type RecordOutcome = (outcome: NotificationOutcome) => boolean;

/**
 * The one owner of the rule "the cursor never passes a notification whose outcome is not stored".
 * The cursor is where catch-up starts after a restart: everything at or below it is stored.
 * Catch-up and polling walk oldest first, so what they hand over may move it; the stream can run
 * ahead of them, so what it hands over never does (catch-up moves past it later).
 */
export class NotificationCursor implements CatchUpCursor {
  readonly #store: StateStore;
  readonly #now: () => Date;

  constructor(store: StateStore, now: () => Date) {
    this.#store = store;
    this.#now = now;
  }

  /** The newest notification whose outcome is stored, or null before the first. */
  cursor(): string | null {
    return this.#store.getCursor();
  }

  /**
   * A notification arrives: how to store its outcome, or null when it is stored already (stream
   * and catch-up overlap, so the second delivery is expected).
   */
  receive(notificationId: string, source: NotificationSource): RecordOutcome | null {
    const store = this.#store;
    const advanceCursor = source !== "stream";
    if (store.hasSeen(notificationId)) {
      // Catch-up walks oldest first, so everything before this one is handled too.
      if (advanceCursor) store.advanceCursor(notificationId);
      return null;
    }
    return (outcome) => store.acceptNotification({ ...outcome, advanceCursor });
  }

  /**
   * Catch-up examined everything up to `id` and nothing there needs an answer (other types, or
   * history older than a first start's window): recorded as seen with nothing to send, so that the
   * cursor moves there.
   */
  skipTo(id: string): void {
    this.#store.acceptNotification({
      notificationId: id,
      statusId: null,
      accountId: "",
      kind: "skipped",
      receivedAt: this.#now(),
      posts: [],
    });
  }
}
