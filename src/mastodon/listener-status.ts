/** What /readyz and the logs need to know about receiving. */
export interface ListenerStatus {
  /**
   * `connecting`: trying the stream, not connected yet; `streaming`: the stream has connected (it
   * may be between reconnects, see `connected`); `polling`: no usable stream, catch-up on a timer.
   */
  readonly mode: "connecting" | "streaming" | "polling";
  /** A streaming socket is open right now. */
  readonly connected: boolean;
  /** When the last stream event arrived. */
  readonly lastEventAt: Date | null;
  /** When the last catch-up (or poll) completed without error. */
  readonly lastCatchUpAt: Date | null;
  /** The last catch-up's error message, or null when it succeeded. */
  readonly lastCatchUpError: string | null;
  /** Reconnect attempts since start. */
  readonly reconnects: number;
  /** The streaming URL last connected to (the advertised one or the server's own), or null. */
  readonly streamingUrl: string | null;
}
