import { inspect } from "node:util";
import { createStreamingAPIClient, MastoUnexpectedError, type mastodon } from "masto";
import WebSocket from "ws";
import type { StreamVariant } from "./stream-variants.js";
import type { WireNotification } from "./to-inbound.js";
import { USER_AGENT } from "./user-agent.js";

/** What the listener needs from a stream: notifications, and deletes from the `user` stream. */
export type StreamEvent =
  | { readonly kind: "notification"; readonly payload: WireNotification }
  | { readonly kind: "delete"; readonly statusId: string };

/**
 * Why a session ended. `refused`: the server answered the upgrade with an HTTP error (`status`) or
 * without the subprotocol echo; `stream-error`: it sent an error frame (unknown stream, missing
 * scope); `closed`: an open socket went away; `failed`: no connection (network, timeout);
 * `stopped`: closed by us.
 */
export interface SessionEnd {
  readonly opened: boolean;
  readonly reason: "refused" | "stream-error" | "closed" | "failed" | "stopped";
  readonly status?: number;
  readonly message: string;
}

export interface StreamSession {
  /** Settles once the session is over and its socket is closed; never rejects. */
  readonly ended: Promise<SessionEnd>;
  close(): void;
}

export interface OpenStreamOptions {
  readonly streamingUrl: string;
  readonly accessToken: string;
  readonly variant: StreamVariant;
  /** The socket is open (the listener runs catch-up). */
  readonly onOpen: () => void;
  readonly onEvent: (event: StreamEvent) => void;
}

export type OpenStream = (options: OpenStreamOptions) => StreamSession;

const HANDSHAKE_TIMEOUT_MS = 10_000;
/**
 * Mastodon pings every 30 s: a socket silent this long is half-open (a NAT or proxy forgot it) and
 * is cut, so that the listener reconnects and catches up instead of waiting for events forever.
 */
const IDLE_TIMEOUT_MS = 90_000;
/** How long a closed socket waits for the server's close frame before it is cut (ws waits 30 s). */
const CLOSE_GRACE_MS = 1_000;

/**
 * One connection through masto's streaming client, which makes exactly one attempt (`retry: 1`) and
 * is closed as soon as its socket closes: masto's own reconnect is silent and loses events, so the
 * listener reconnects and catches up itself. The socket class sets the User-Agent on the upgrade,
 * names the stream in the URL, and reports open, upgrade errors and close.
 */
export const openMastoStream: OpenStream = (options) => {
  const invalid = invalidUrl(options.streamingUrl);
  if (invalid) return { ended: Promise.resolve(invalid), close: () => undefined };
  const state = { opened: false, stopped: false, error: undefined as string | undefined };
  let markClosed: () => void = () => undefined;
  const socketClosed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  let client: mastodon.streaming.Client | undefined;
  let socket: WebSocket | undefined;

  class BotSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      const url = new URL(address);
      url.searchParams.set("stream", options.variant.stream);
      // ws sets no handshake timeout: a black-holed connect would otherwise hang until TCP gives up.
      super(url, protocols, {
        headers: { "User-Agent": USER_AGENT },
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      });
      socket = this;
      let idle: NodeJS.Timeout | undefined;
      const heardFromServer = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          state.error ??= `no frame from the server for ${IDLE_TIMEOUT_MS / 1000} s`;
          this.terminate();
        }, IDLE_TIMEOUT_MS);
        idle.unref();
      };
      this.on("open", () => {
        // masto connects after a 1 s pause even when closed meanwhile: hang up quietly then.
        if (state.stopped) return hangUp(this);
        state.opened = true;
        heardFromServer();
        options.onOpen();
      });
      this.on("ping", heardFromServer);
      this.on("pong", heardFromServer);
      this.on("message", heardFromServer);
      this.on("error", (error: Error) => {
        state.error ??= error.message;
      });
      this.on("close", () => {
        clearTimeout(idle);
        if (state.opened) client?.close();
        markClosed();
      });
    }

    /**
     * masto prints a failed connect with `console.error("WebSocket error:", event)`, past pino's
     * redaction; the event's target is this socket, whose URL and upgrade request hold the token.
     */
    [inspect.custom](): string {
      return `BotSocket(${options.variant.stream}, readyState ${this.readyState})`;
    }
  }

  client = createStreamingAPIClient({
    streamingApiUrl: options.streamingUrl,
    accessToken: options.accessToken,
    useInsecureAccessToken: options.variant.tokenInQuery,
    retry: 1,
    implementation: BotSocket,
    log: "error",
  });
  const streaming = client;
  const subscription =
    options.variant.stream === "user" ? streaming.user.subscribe() : streaming.user.notification.subscribe();

  const ended = (async (): Promise<SessionEnd> => {
    let end: SessionEnd;
    try {
      for await (const event of subscription) {
        if (state.stopped) break;
        const routed = route(event);
        if (routed) options.onEvent(routed);
      }
      end = { opened: state.opened, reason: "closed", message: state.error ?? "stream ended" };
    } catch (error) {
      end = classify(error, state.opened, state.error);
    } finally {
      streaming.close();
    }
    await socketClosed;
    return state.stopped ? { ...end, reason: "stopped" } : end;
  })();

  return {
    ended,
    close: () => {
      state.stopped = true;
      streaming.close();
      if (socket) hangUp(socket);
    },
  };
};

/**
 * Shutting down never waits for a slow server: a handshake under way is cut at once, an open
 * socket is closed politely and cut if the server has not answered the close frame within a second.
 */
function hangUp(socket: WebSocket): void {
  if (socket.readyState === WebSocket.CLOSED) return;
  if (socket.readyState === WebSocket.CONNECTING) {
    socket.terminate();
    return;
  }
  socket.close();
  const cut = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
  cut.unref();
  socket.once("close", () => clearTimeout(cut));
}

function route(event: mastodon.streaming.Event): StreamEvent | undefined {
  if (event.event === "notification" && typeof event.payload === "object" && event.payload !== null) {
    return { kind: "notification", payload: event.payload };
  }
  if (event.event === "delete" && typeof event.payload === "string") {
    return { kind: "delete", statusId: event.payload };
  }
  // `update` (home timeline), `status.update` (edits are not answered again) and the rest: ignored.
  return undefined;
}

function classify(error: unknown, opened: boolean, socketError: string | undefined): SessionEnd {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MastoUnexpectedError) return { opened, reason: "stream-error", message };
  if (opened) return { opened, reason: "closed", message: socketError ?? message };
  const status = /Unexpected server response: (\d{3})/.exec(socketError ?? "")?.[1];
  if (status !== undefined) {
    const code = Number(status);
    // 429 and 5xx are the server's trouble, not a refusal: retried like a network failure.
    if (code !== 429 && code < 500) return { opened, reason: "refused", status: code, message: socketError! };
  }
  if (socketError !== undefined && /subprotocol/i.test(socketError)) {
    return { opened, reason: "refused", message: socketError };
  }
  return { opened, reason: "failed", message: socketError ?? message };
}

/** masto would throw inside its connect loop and never open a socket: refuse such a URL up front. */
function invalidUrl(streamingUrl: string): SessionEnd | undefined {
  let protocol: string;
  try {
    protocol = new URL(streamingUrl).protocol;
  } catch {
    protocol = "";
  }
  if (["ws:", "wss:", "http:", "https:"].includes(protocol)) return undefined;
  return { opened: false, reason: "refused", message: `not a streaming URL: ${streamingUrl}` };
}
