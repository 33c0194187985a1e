import { createRestAPIClient, type mastodon } from "masto";
import { pino } from "pino";
import { afterEach } from "vitest";
import { RestStatusPoster } from "../../../src/mastodon/rest-poster.js";
import { USER_AGENT } from "../../../src/mastodon/user-agent.js";
import type { OutboxHooks } from "../../../src/outbox/outbox-hooks.js";
import type { OutboxSender, OutboxSenderOptions } from "../../../src/outbox/outbox-sender.js";
import type { StatusPoster } from "../../../src/outbox/status-poster.js";
import { replyGroupKey } from "../../../src/store/outbox-keys.js";
import type { OutboxItem, OutboxPostInput } from "../../../src/store/state-store.js";
import {
  type FakeMastodon,
  type FakeMastodonOptions,
  type FakeStatus,
  startFakeMastodon,
} from "../../support/fake-mastodon/index.js";
import { openTestStore, type TestStore } from "../../support/test-store.js";
import { ManualClock } from "./manual-clock.js";
import { TestSender } from "./test-sender.js";

/** A fixed start, aligned to the minute; tests move the manual clock from here. */
export const T0 = new Date("2025-05-20T10:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** What the hooks saw. */
export interface HookLog {
  sent: OutboxItem[];
  failed: Array<{ item: OutboxItem; error: Error }>;
  expired: number[];
  apiErrors: Array<number | "network">;
  rateLimits: Array<{ family: string; remaining: number }>;
}

export interface Harness {
  clock: ManualClock;
  fake: FakeMastodon;
  client: mastodon.rest.Client;
  poster: RestStatusPoster;
  /** The store senders use by default; a test that reopens it assigns the new one (closed on `close`). */
  store: TestStore;
  hooks: HookLog;
  /** A started sender over `store` (a new one per call; stop the old one first). */
  startSender(extra?: Partial<OutboxSenderOptions>): TestSender;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeMastodonOptions;
  store?: TestStore;
  sender?: Partial<OutboxSenderOptions>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock(T0);
  const fake = await startFakeMastodon({ now: () => clock.now(), ...options.fake });
  const client = createRestAPIClient({
    url: fake.url,
    accessToken: fake.token,
    timeout: 10_000,
    requestInit: { headers: { "User-Agent": USER_AGENT } },
  });
  const poster = new RestStatusPoster({ client, now: () => clock.now() });
  const store = options.store ?? openTestStore();
  const hooks: HookLog = { sent: [], failed: [], expired: [], apiErrors: [], rateLimits: [] };
  const hookFns: OutboxHooks = {
    onSent: (item) => hooks.sent.push(item),
    onFailed: (item, error) => hooks.failed.push({ item, error }),
    onExpired: (count) => hooks.expired.push(count),
    onApiError: (status) => hooks.apiErrors.push(status),
    onRateLimit: ({ family, remaining }) => hooks.rateLimits.push({ family, remaining }),
  };
  const senders: TestSender[] = [];
  const harness: Harness = {
    clock,
    fake,
    client,
    poster,
    store,
    hooks,
    startSender(extra = {}) {
      const sender = new TestSender({
        store: harness.store,
        poster: poster as StatusPoster,
        botAccountId: fake.bot.id,
        logger: pino({ level: "silent" }),
        clock,
        hooks: hookFns,
        random: () => 0.5,
        ...options.sender,
        ...extra,
      });
      senders.push(sender);
      sender.start();
      return sender;
    },
    async close() {
      for (const sender of senders) await stopNow(sender, clock);
      harness.store.close();
      await fake.close();
    },
  };
  return harness;
}

/** Stops a sender; moves the clock past its stop timeout should a request still hang. */
export async function stopNow(sender: OutboxSender, clock: ManualClock): Promise<void> {
  const stopped = sender.stop();
  clock.advance(60_000);
  await stopped;
}

/**
 * Lets the sender work until it has nothing due, moving the clock to each wake-up it asks for.
 * Returns the waits it asked for (ms from the clock's time when it went idle).
 */
export async function runUntilIdle(
  sender: TestSender,
  clock: ManualClock,
  maxWaits = 200,
): Promise<number[]> {
  const waits: number[] = [];
  for (;;) {
    const { wakeAt } = await sender.whenIdle();
    if (wakeAt === null) return waits;
    if (waits.length >= maxWaits) throw new Error(`the sender still waits after ${maxWaits} wake-ups`);
    waits.push(wakeAt.getTime() - clock.now().getTime());
    clock.advanceTo(wakeAt);
  }
}

export interface MentionOptions {
  text?: string;
  /** The reply's posts; default one post answering the mention. */
  posts?: (status: FakeStatus) => OutboxPostInput[];
  favourite?: boolean;
  /** Deadline from now; default 2 h. */
  maxDelayMs?: number;
  /** Replies the account got in the hour before (the handler's count); default 0. */
  accountRank?: number;
}

/** A mention on the fake server, accepted into the store with its reply (as the handler would). */
export function enqueueMention(
  h: Pick<Harness, "fake" | "store" | "clock">,
  from: string,
  options: MentionOptions = {},
): { status: FakeStatus; notificationId: string } {
  const { fake, store, clock } = h;
  const account = findOrAdd(fake, from);
  const { status, notification } = fake.mention(account, options.text ?? "Wie widerspreche ich?", {
    visibility: "public",
    language: "de",
  });
  if (notification === null) throw new Error("the fake dropped the mention");
  const now = clock.now();
  const posts =
    options.posts?.(status) ??
    (options.favourite === true
      ? []
      : [
          {
            text: `@${account.acct} Antwort an ${from}`,
            language: "de",
            visibility: "unlisted",
            inReplyToId: status.id,
          },
        ]);
  store.acceptNotification({
    notificationId: notification.id,
    statusId: status.id,
    accountId: account.id,
    kind: "mention",
    receivedAt: now,
    createdAt: now,
    deadlineAt: new Date(now.getTime() + (options.maxDelayMs ?? 2 * HOUR)),
    posts,
    favourite: options.favourite === true,
    accountRank: options.accountRank ?? 0,
  });
  return { status, notificationId: notification.id };
}

function findOrAdd(fake: FakeMastodon, username: string) {
  try {
    return fake.account(username);
  } catch {
    return fake.addAccount({ username });
  }
}

/** Statuses the bot created, as the fake recorded them. */
export function postedKeys(fake: FakeMastodon): Array<string | null> {
  return fake.posted.map((p) => p.idempotencyKey);
}

/**
 * For a test file: returns `harness(options)`, which creates a harness that is closed after the
 * test, however the test ends.
 */
export function useHarness(): (options?: HarnessOptions) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (options = {}) => {
    const h = await createHarness(options);
    open.push(h);
    return h;
  };
}

/** The queued item at `position` of the reply to `notificationId`. */
export function itemOf(h: Harness, notificationId: string, position = 0): OutboxItem | undefined {
  return h.store.outboxGroup(replyGroupKey(notificationId))[position];
}

/** `MentionOptions.posts` for a reply in two posts, "1/2" answering the mention and "2/2" chained to it. */
export function twoPostThread(name: string): (status: FakeStatus) => OutboxPostInput[] {
  return (status) => [
    { text: `@${name} 1/2`, language: "de", visibility: "unlisted", inReplyToId: status.id },
    {
      text: `@${name} 2/2`,
      language: "de",
      visibility: "unlisted",
      inReplyToId: null,
      chainToPrevious: true,
    },
  ];
}
