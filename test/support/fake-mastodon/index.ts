/**
 * A Mastodon-compatible fake server for integration tests and benchmarks: real HTTP and WebSocket
 * on 127.0.0.1, snake_case JSON, pagination, rate limits, idempotency and fault switches.
 */
export type { InstanceConfig } from "./app.js";
export { countLikeMastodon } from "./char-count.js";
export { escapeHtml, formatStatusText } from "./content-html.js";
export { FakeMastodon, type MentionResult } from "./fake.js";
export { compareIds } from "./ids.js";
export { isoMicro } from "./rate-limits.js";
export { DEFAULT_LIMITS, DEFAULT_SWITCHES, DEFAULT_TOKEN, startFakeMastodon } from "./start.js";
export type * from "./types.js";
