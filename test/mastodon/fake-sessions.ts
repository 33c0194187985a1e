/** A stand-in for masto's streaming connection: the test decides when each session opens and ends. */
import { createRestClient } from "../../src/mastodon/create-rest-client.js";
import {
  createNotificationListener,
  type NotificationListener,
  type NotificationListenerOptions,
} from "../../src/mastodon/notification-listener.js";
import type {
  OpenStreamOptions,
  SessionEnd,
  StreamEvent,
  StreamSession,
} from "../../src/mastodon/stream-session.js";
import { captureLogger, cursorOf, RecordingSink } from "./helpers.js";

export interface FakeSession {
  readonly options: OpenStreamOptions;
  /** Ends the session as the server or network would. */
  end(end: Omit<SessionEnd, "opened"> & { opened?: boolean }): void;
  /** Opens the socket (calls the listener's onOpen). */
  open(): void;
  /** Delivers a stream event, as a message from the server. */
  emit(event: StreamEvent): void;
  opened: boolean;
  closedByListener: boolean;
}

export class FakeSessions {
  readonly sessions: FakeSession[] = [];

  readonly open = (options: OpenStreamOptions): StreamSession => {
    let settle: (end: SessionEnd) => void = () => undefined;
    const ended = new Promise<SessionEnd>((resolve) => {
      settle = resolve;
    });
    const session: FakeSession = {
      options,
      opened: false,
      closedByListener: false,
      open() {
        session.opened = true;
        options.onOpen();
      },
      emit(event) {
        options.onEvent(event);
      },
      end(end) {
        settle({ ...end, opened: end.opened ?? session.opened });
      },
    };
    this.sessions.push(session);
    return {
      ended,
      close: () => {
        session.closedByListener = true;
        settle({ opened: session.opened, reason: "stopped", message: "closed" });
      },
    };
  };

  last(): FakeSession {
    const session = this.sessions.at(-1);
    if (!session) throw new Error("no session opened yet");
    return session;
  }
}

/**
 * A listener whose only network is `sessions`: catch-up finds nothing (unless `list` is given),
 * the REST client is never called, and retries wait 100 ms to 1 s of (fake) time.
 */
export function offlineListener(
  sessions: FakeSessions,
  options: Partial<NotificationListenerOptions> = {},
): NotificationListener {
  return createNotificationListener({
    rest: createRestClient({ url: "http://127.0.0.1:9", accessToken: "t", timeoutMs: 1 }),
    list: async () => [],
    openStream: sessions.open,
    streamingUrl: "ws://127.0.0.1:9",
    accessToken: "t",
    sink: new RecordingSink(),
    cursor: cursorOf(() => "100"),
    logger: captureLogger().logger,
    pollIntervalMs: 60_000,
    backoff: { baseMs: 100, maxMs: 1_000 },
    random: () => 0.5,
    ...options,
  });
}
