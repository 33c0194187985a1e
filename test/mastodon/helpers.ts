/** Shared helpers of the receiving-side tests: a recording sink and a logger whose lines can be read. */
import { pino } from "pino";
import type {
  CatchUpCursor,
  InboundNotification,
  InboundSink,
  NotificationSource,
} from "../../src/domain/notification.js";
import type { Logger } from "../../src/observability/logger.js";
import { newerId } from "../../src/store/notification-id.js";

export interface Received {
  readonly notification: InboundNotification;
  readonly source: NotificationSource;
}

/** Records what reaches the core and moves a cursor like the store does; checks one-at-a-time. */
export class RecordingSink implements InboundSink {
  readonly received: Received[] = [];
  readonly deleted: string[] = [];
  /** Each hand-over's notification ids, and `delete:<status id>` for a deletion, in order. */
  readonly handOvers: string[][] = [];
  maxInFlight = 0;
  private inFlight = 0;

  constructor(public cursor: string | null = null) {}

  async notifications(batch: readonly InboundNotification[], source: NotificationSource): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    // Yield to the event loop, as a real store write would, so overlapping calls would show.
    await new Promise((resolve) => setImmediate(resolve));
    this.handOvers.push(batch.map((n) => n.id));
    for (const notification of batch) {
      this.received.push({ notification, source });
      this.cursor = newerId(this.cursor, notification.id);
    }
    this.inFlight -= 1;
  }

  statusDeleted(statusId: string): void {
    this.deleted.push(statusId);
    this.handOvers.push([`delete:${statusId}`]);
  }

  /** Notification ids in the order first handed over, repeats removed. */
  handledIds(): string[] {
    return [...new Set(this.received.map((r) => r.notification.id))];
  }
}

/** A cursor read from `read` (the sink's, or a fixed id); what catch-up passes over lands in `skipped`. */
export function cursorOf(read: () => string | null, skipped: string[] = []): CatchUpCursor {
  return { cursor: read, skipTo: (id) => void skipped.push(id) };
}

export interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: Array<Record<string, unknown> & { msg?: string }>;
  messages(): string[];
}

export function captureLogger(): CapturedLogger {
  const lines: CapturedLogger["lines"] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => void lines.push(JSON.parse(line) as CapturedLogger["lines"][number]) },
  );
  return { logger, lines, messages: () => lines.map((l) => String(l.msg)) };
}
