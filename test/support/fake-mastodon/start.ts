/** Starts the fake on 127.0.0.1 with a random port and wires its parts together. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FakeApp } from "./app.js";
import { notificationJson, statusJson } from "./entities.js";
import { FakeMastodon } from "./fake.js";
import { FaultInjector } from "./faults.js";
import { Router } from "./http/router.js";
import { createRequestHandler } from "./http/server.js";
import { DEFAULT_ID_STARTS, IdSequence } from "./ids.js";
import { FixedWindow } from "./rate-limits.js";
import { accountStatusRoutes } from "./routes/account-statuses.js";
import { accountRoutes } from "./routes/accounts.js";
import { instanceRoutes } from "./routes/instance.js";
import { notificationRoutes } from "./routes/notifications.js";
import { policyRoutes } from "./routes/policy.js";
import { statusRoutes } from "./routes/statuses.js";
import { AccountRegistry } from "./state/accounts.js";
import { DEFAULT_POLICY } from "./state/notification-policy.js";
import { FakeStore, type StoreListener } from "./state/store.js";
import { StreamingHub } from "./streaming/hub.js";
import type { FakeMastodonOptions, FakeSwitches, RateLimits, RecordedRequest } from "./types.js";

export const DEFAULT_TOKEN = "test-token";

export const DEFAULT_SWITCHES: FakeSwitches = {
  streaming: "ok",
  instanceV2: "ok",
  instanceV1: "ok",
  ignoreParams: { types: false, minId: false, sinceId: false },
  honourIdempotency: true,
  latencyMs: 0,
  notificationPolicyApi: true,
  servedAcct: {},
  truncateNotificationPages: 0,
  statusFetch: "ok",
  advertisedStreamingUrl: null,
  streamErrorFrames: 0,
  hang: {},
  clockSkewMs: 0,
};

export const DEFAULT_LIMITS: RateLimits = {
  // Upstream throttles 300 / 5 min per token but safelists loopback; set it lower to test pacing.
  api: { limit: 100_000, windowMs: 5 * 60_000 },
  statuses: { limit: 300, windowMs: 3 * 3_600_000 },
  statusesPerSecond: null,
};

export async function startFakeMastodon(options: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const switches: FakeSwitches = { ...DEFAULT_SWITCHES, servedAcct: {}, hang: {}, ...options.switches };
  const clock = options.now ?? (() => new Date());
  // Read lazily: the skew switch can change at any time.
  const now = () => new Date(clock().getTime() + switches.clockSkewMs);
  const ids = { ...DEFAULT_ID_STARTS, ...options.idStarts };
  const accounts = new AccountRegistry(new IdSequence(ids.account), baseUrl, now);
  const bot = accounts.add({
    username: options.bot?.username ?? "optout",
    bot: options.bot?.bot ?? true,
    note: options.bot?.note ?? "",
    displayName: options.bot?.displayName ?? "Opt-out bot",
  });

  let hub: StreamingHub | undefined;
  const listener: StoreListener = {
    notification: (n) =>
      hub?.broadcast("notification", JSON.stringify(notificationJson(n, app.entities)), [
        "user:notification",
        "user",
      ]),
    status: (event, s) => hub?.broadcast(event, JSON.stringify(statusJson(s, app.entities)), ["user"]),
    deleted: (id) => hub?.broadcast("delete", id, ["user"]),
  };
  const seq = { status: new IdSequence(ids.status), notification: new IdSequence(ids.notification) };
  const policy = { ...DEFAULT_POLICY, ...options.notificationPolicy };
  const store = new FakeStore(accounts, bot, seq, policy, listener, now, baseUrl);
  const limits: RateLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const app: FakeApp = {
    baseUrl,
    streamingUrl: `ws://127.0.0.1:${port}`,
    now,
    store,
    entities: {
      format: store.format,
      bot,
      statusesCount: (a) => store.statusesCount(a),
      status: (id) => store.statuses.get(id),
      repliesCount: (id) => store.repliesCount(id),
      servedAcct: (a) => switches.servedAcct[a.id] ?? a.acct,
    },
    switches,
    limits,
    instance: {
      maxCharacters: options.maxCharacters ?? 500,
      charactersReservedPerUrl: options.charactersReservedPerUrl ?? 23,
      version: options.version ?? "4.3.0",
    },
    tokens: new Set(options.tokens ?? [DEFAULT_TOKEN]),
    scopes: options.scopes ?? ["read", "write"],
    posted: [],
    favourites: [],
    idempotency: new Map(),
    windows: {
      api: new FixedWindow(() => limits.api),
      statuses: new FixedWindow(() => limits.statuses),
      burst: new FixedWindow(() => ({
        limit: limits.statusesPerSecond ?? Number.MAX_SAFE_INTEGER,
        windowMs: 1000,
      })),
    },
  };

  const requests: RecordedRequest[] = [];
  const router = new Router();
  instanceRoutes(router, app);
  accountRoutes(router, app);
  accountStatusRoutes(router, app);
  policyRoutes(router, app);
  notificationRoutes(router, app);
  statusRoutes(router, app);
  const faults = new FaultInjector();
  const timers = new Set<NodeJS.Timeout>();
  hub = new StreamingHub(app, requests, options.pingIntervalMs ?? 30_000);
  const streaming = hub;
  server.on(
    "request",
    createRequestHandler({
      app,
      router,
      faults,
      requests,
      timers,
      faultResetMs: options.faultResetMs ?? 1000,
    }),
  );
  server.on("upgrade", (req, socket, head: Buffer) => streaming.handleUpgrade(req, socket, head));
  return new FakeMastodon({
    app,
    hub: streaming,
    faults,
    requests,
    close: () => closeServer(server, streaming, timers),
  });
}

async function closeServer(server: Server, hub: StreamingHub, timers: Set<NodeJS.Timeout>): Promise<void> {
  hub.close();
  for (const t of timers) clearTimeout(t);
  timers.clear();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
