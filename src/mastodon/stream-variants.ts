/** How one streaming connection is made: which stream, and where the token goes. */
export interface StreamVariant {
  /** `user:notification` carries notifications only; `user` also the home timeline and deletes. */
  readonly stream: "user:notification" | "user";
  /** Token as `?access_token=` instead of the WebSocket subprotocol (some servers refuse the latter). */
  readonly tokenInQuery: boolean;
}

/**
 * Tried in order; the listener moves on when the server refuses one (API notes §4, issue 3). The
 * stream is always named in the URL as well (`?stream=`): Mastodon ignores the repeat (one
 * subscription per channel), servers that only honour the URL work without a separate step, and
 * the subscription exists from the upgrade on, before the catch-up that follows every connect.
 */
export const STREAM_VARIANTS: readonly StreamVariant[] = [
  { stream: "user:notification", tokenInQuery: false },
  { stream: "user", tokenInQuery: false },
  { stream: "user:notification", tokenInQuery: true },
  { stream: "user", tokenInQuery: true },
];

export function describeVariant(variant: StreamVariant): string {
  return `${variant.stream} stream, token ${variant.tokenInQuery ? "in the query string" : "as subprotocol"}`;
}
