import { pino } from "pino";
import { NotificationCursor } from "../../src/bot/notification-cursor.js";
import {
  type HandlerPolicyOptions,
  NotificationHandler,
  type NotificationHooks,
} from "../../src/bot/notification-handler.js";
import type { HandledNotification, NotificationSource } from "../../src/domain/notification.js";
import { DEFAULT_REPLY_POLICY_OPTIONS } from "../../src/policy/reply-policy.js";
import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from "../../src/replies/compose-reply.js";
import { type MentionFixture, mention, NOW } from "../policy/mention-fixture.js";
import { realKnowledge, realMatcher } from "../support/knowledge.js";
import { openTestStore, type TestStore } from "../support/test-store.js";

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export interface Harness {
  readonly handler: NotificationHandler;
  readonly store: TestStore;
  readonly logs: LogLine[];
  readonly ignored: string[];
  /** How often the sender was woken. */
  wakes: number;
  mentions: number;
  /** Moves the harness clock. */
  setNow(now: Date): void;
  /** Hands one notification to the handler, as a batch of one. */
  handle(notification: HandledNotification, source: NotificationSource): Promise<void>;
}

export function harness(
  options: Partial<HandlerPolicyOptions> = {},
  limits: Partial<ReplyLimits> = {},
): Harness {
  const logs: LogLine[] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => logs.push(JSON.parse(line) as LogLine) },
  );
  const store = openTestStore();
  let now = NOW;
  const state: Harness = {
    store,
    logs,
    ignored: [],
    wakes: 0,
    mentions: 0,
    setNow: (next) => {
      now = next;
    },
    handler: undefined as unknown as NotificationHandler,
    handle: (notification, source) => state.handler.notifications([notification], source),
  };
  const hooks: NotificationHooks = {
    onMention: () => {
      state.mentions++;
    },
    onIgnored: (reason) => {
      state.ignored.push(reason);
    },
  };
  const handler = new NotificationHandler({
    store,
    cursor: new NotificationCursor(store, () => now),
    knowledge: realKnowledge(),
    matcher: realMatcher(),
    botAccountId: "1",
    botUsername: "optout",
    options: { ...DEFAULT_REPLY_POLICY_OPTIONS, greetFollowers: false, ...options },
    limits: { ...DEFAULT_REPLY_LIMITS, ...limits },
    logger,
    now: () => now,
    wake: () => {
      state.wakes++;
    },
    hooks,
  });
  return Object.assign(state, { handler });
}

/** A mention notification; its id is also the notification id of the mention. */
export function mentionNotification(fixture: MentionFixture = {}): HandledNotification {
  const m = mention(fixture);
  return { kind: "mention", id: m.notificationId, createdAt: m.createdAt, mention: m };
}

/** The HTML of a status that mentions the bot and two more people, as Mastodon renders it. */
export function threadHtml(text: string): string {
  const hcard = (name: string, host: string) =>
    `<span class="h-card" translate="no"><a href="https://${host}/@${name}" class="u-url mention">@<span>${name}</span></a></span>`;
  return `<p>${hcard("optout", "social.example")} ${hcard("bob", "social.example")} ${hcard("carol", "far.example")} ${text}</p>`;
}
