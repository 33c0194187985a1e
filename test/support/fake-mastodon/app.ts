/** The fake's internals shared by routes, streaming and the test-facing class. */
import type { EntityContext } from "./entities.js";
import type { FixedWindow } from "./rate-limits.js";
import type { FakeStore } from "./state/store.js";
import type { FakeSwitches, FavouriteRecord, PostedStatus, RateLimits } from "./types.js";

export interface InstanceConfig {
  maxCharacters: number;
  charactersReservedPerUrl: number;
  version: string;
}

export interface FakeApp {
  readonly baseUrl: string;
  readonly streamingUrl: string;
  readonly now: () => Date;
  readonly store: FakeStore;
  readonly entities: EntityContext;
  readonly switches: FakeSwitches;
  readonly limits: RateLimits;
  readonly instance: InstanceConfig;
  readonly tokens: Set<string>;
  readonly scopes: string[];
  readonly posted: PostedStatus[];
  readonly favourites: FavouriteRecord[];
  /** Idempotency-Key → status id, with expiry in ms since epoch of the injected clock. */
  readonly idempotency: Map<string, { statusId: string; expiresAt: number }>;
  readonly windows: { api: FixedWindow; statuses: FixedWindow; burst: FixedWindow };
}
