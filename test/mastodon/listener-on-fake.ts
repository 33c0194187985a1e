/**
 * The receiving-side tests' set-up: a fake Mastodon server (with the account alice) for each test,
 * and the listener a test creates on it, both closed after the test.
 */
import type { mastodon } from "masto";
import { afterEach, beforeEach, vi } from "vitest";
import { createRestClient } from "../../src/mastodon/create-rest-client.js";
import { fetchInstanceInfo } from "../../src/mastodon/instance-info.js";
import {
  createNotificationListener,
  type NotificationListener,
  type NotificationListenerOptions,
} from "../../src/mastodon/notification-listener.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";
import { type CapturedLogger, captureLogger, cursorOf, type RecordingSink } from "./helpers.js";

export interface ListenerSetup {
  /** masto's own request timeout (ms); 5 s unless a test needs it out of the way. */
  readonly restTimeoutMs?: number;
  /** Options over the defaults; a function gets the REST client (for `list`). */
  readonly options?:
    | Partial<NotificationListenerOptions>
    | ((rest: mastodon.rest.Client) => Partial<NotificationListenerOptions>);
}

export interface ListenerOnFake {
  /** This test's server. */
  readonly fake: FakeMastodon;
  /** A listener on the server, not started; the streaming URL is the instance's unless given. */
  create(
    sink: RecordingSink,
    setup?: ListenerSetup,
  ): Promise<{ listener: NotificationListener; log: CapturedLogger }>;
  /** The same, started. */
  start(
    sink: RecordingSink,
    options?: Partial<NotificationListenerOptions>,
  ): Promise<{ listener: NotificationListener; log: CapturedLogger }>;
}

/** Registers the per-test server and clean-up; call once at the top of a test file. */
export function listenerOnFake(): ListenerOnFake {
  let fake: FakeMastodon | undefined;
  let listener: NotificationListener | undefined;

  beforeEach(async () => {
    fake = await startFakeMastodon();
    fake.addAccount({ username: "alice" });
    // masto prints each failed connect attempt through console.error; the tests read the logger.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await listener?.stop();
    listener = undefined;
    await fake?.close();
    fake = undefined;
    vi.restoreAllMocks();
  });

  const current = (): FakeMastodon => {
    if (fake === undefined) throw new Error("listenerOnFake: no server outside a test");
    return fake;
  };

  const create: ListenerOnFake["create"] = async (sink, setup = {}) => {
    const server = current();
    const log = captureLogger();
    const rest = createRestClient({
      url: server.url,
      accessToken: server.token,
      timeoutMs: setup.restTimeoutMs ?? 5_000,
    });
    const extra = typeof setup.options === "function" ? setup.options(rest) : (setup.options ?? {});
    const streamingUrl =
      "streamingUrl" in extra ? extra.streamingUrl : (await fetchInstanceInfo(rest, log.logger)).streamingUrl;
    listener = createNotificationListener({
      rest,
      accessToken: server.token,
      sink,
      cursor: cursorOf(() => sink.cursor),
      logger: log.logger,
      pollIntervalMs: 3_600_000, // streaming tests: catch up only at start and on (re)connects
      backoff: { baseMs: 20, maxMs: 200 },
      ...extra,
      streamingUrl: streamingUrl ?? null,
    });
    return { listener, log };
  };

  return {
    get fake() {
      return current();
    },
    create,
    async start(sink, options = {}) {
      const created = await create(sink, { options });
      await created.listener.start();
      return created;
    },
  };
}
