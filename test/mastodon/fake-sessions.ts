/** A stand-in for masto's streaming connection: the test decides when each session opens and ends. */
import type {
  OpenStreamOptions,
  SessionEnd,
  StreamEvent,
  StreamSession,
} from "../../src/mastodon/stream-session.js";

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
