import type { HandledNotification, InboundSink, NotificationSource } from "../domain/notification.js";
import type { Logger } from "../observability/logger.js";
import type { NotificationCursor } from "./notification-cursor.js";
import { mentionOutcome } from "./plan-mention.js";

export interface FirstStartCheckOptions {
  /** The handler, which gets every notification this check does not settle. */
  readonly sink: InboundSink;
  readonly cursor: NotificationCursor;
  /** Statuses the bot answered before this start (`findEarlierAnswers`). */
  readonly answered: ReadonlySet<string>;
  readonly logger: Logger;
  readonly now: () => Date;
}

/**
 * On a first start (no cursor: a new bot, or a lost data folder) the catch-up hands over the recent
 * mentions again. A mention the bot already answered (its status is in `answered`) or favourited
 * (a thank-you) is recorded as handled without a reply; everything else goes to the handler.
 * It stays on after the first catch-up (should that one fail, the next goes through it too); no new
 * mention can be in `answered`. `finish()`, after the first catch-up, logs how many were skipped.
 */
export class FirstStartCheck implements InboundSink {
  readonly #o: FirstStartCheckOptions;
  #skipped = 0;
  #reported = false;

  constructor(options: FirstStartCheckOptions) {
    this.#o = options;
  }

  async notifications(batch: readonly HandledNotification[], source: NotificationSource): Promise<void> {
    // In order, so the cursor never passes one not stored: each run of others goes on together.
    let run: HandledNotification[] = [];
    for (const notification of batch) {
      if (!this.#answeredBefore(notification)) {
        run.push(notification);
        continue;
      }
      if (run.length > 0) await this.#o.sink.notifications(run, source);
      run = [];
      this.#skip(notification, source);
    }
    if (run.length > 0) await this.#o.sink.notifications(run, source);
  }

  #answeredBefore(
    notification: HandledNotification,
  ): notification is Extract<HandledNotification, { kind: "mention" }> {
    if (notification.kind !== "mention") return false;
    const { mention } = notification;
    return this.#o.answered.has(mention.statusId) || mention.favourited === true;
  }

  #skip(notification: Extract<HandledNotification, { kind: "mention" }>, source: NotificationSource): void {
    const { mention } = notification;
    const record = this.#o.cursor.receive(notification.id, source);
    const outcome = mentionOutcome(
      notification.id,
      mention,
      undefined,
      this.#o.now(),
      notification.createdAt,
    );
    if (!record?.(outcome)) return;
    this.#skipped += 1;
    if (this.#reported) {
      this.#o.logger.info(
        { notificationId: notification.id, statusId: mention.statusId },
        "first start: a mention an earlier run had answered was not answered again",
      );
    }
  }

  statusDeleted(statusId: string): void {
    this.#o.sink.statusDeleted(statusId);
  }

  /** Logs how many mentions were skipped so far (once); later skips are logged one by one. */
  finish(): void {
    if (this.#reported) return;
    this.#reported = true;
    this.#o.logger.info(
      { skipped: this.#skipped, answeredBefore: this.#o.answered.size },
      "first start: checked for mentions an earlier run had answered; those are not answered again",
    );
  }
}
