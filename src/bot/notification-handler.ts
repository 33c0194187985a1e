import type { Mention, MentionAuthor } from "../domain/mention.js";
import type { HandledNotification, InboundSink, NotificationSource } from "../domain/notification.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import type { Logger } from "../observability/logger.js";
import { decideGreeting, type GreetingOptions, type GreetingSkipReason } from "../policy/greeting-policy.js";
import type { IgnoreReason, ReplyPolicyOptions } from "../policy/reply-policy.js";
import type { ReplyLimits } from "../replies/compose-reply.js";
import type { OutboxPostInput, StateStore, UnmatchedInput } from "../store/state-store.js";
import type { NotificationCursor, RecordOutcome } from "./notification-cursor.js";
import { type MentionPlan, mentionOutcome, planMention } from "./plan-mention.js";
import { replyHistory } from "./reply-history.js";
import { unmatchedReason } from "./unmatched-reason.js";

export interface HandlerPolicyOptions extends ReplyPolicyOptions, GreetingOptions {
  /** How long a greeting may wait in the outbox before it is dropped as expired. @default 24 h */
  readonly greetingMaxDelayMs?: number;
  /** `KEEP_UNMATCHED`: above 0, mentions the bot did not understand are kept for `review`. @default 0 */
  readonly keepUnmatchedMs?: number;
}

/** Counters the wiring connects to metrics; every hook is optional. */
export interface NotificationHooks {
  /** A mention was taken in (after de-duplication). */
  onMention?(): void;
  /** A mention got nothing: a policy reason (`cooldown`, `bot`, ...) or `error`. */
  onIgnored?(reason: IgnoreReason | "error"): void;
}

export interface NotificationHandlerOptions {
  readonly store: StateStore;
  /** Stores each notification's outcome and moves the cursor as far as that is safe. */
  readonly cursor: NotificationCursor;
  readonly knowledge: Knowledge;
  readonly matcher: CompiledMatcher;
  /** The bot's own account id (verify_credentials). */
  readonly botAccountId: string;
  /** The bot's own user name (verify_credentials): posts address the bot by this handle. */
  readonly botUsername: string;
  readonly options: HandlerPolicyOptions;
  /** The instance's posting limits. */
  readonly limits: ReplyLimits;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Tells the outbox sender that something was queued. */
  readonly wake: () => void;
  readonly hooks?: NotificationHooks;
}

const DEFAULT_GREETING_MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/** What handling one notification did: said (logged, counted) only once its commit is durable. */
interface Report {
  /** Something was put in the outbox: the sender is woken. */
  readonly queued: boolean;
  readonly log: () => void;
}

/**
 * The core between receiving and the outbox: decides what each notification gets and queues it
 * durably (through the cursor); what arrives together is committed together. Mentions are answered, thanks favourited,
 * follows greeted (if enabled). Other notifications (an edit arrives as `update`) never get here:
 * the receiving side drops them, and catch-up moves the cursor past them (`skipTo`).
 */
export class NotificationHandler implements InboundSink {
  readonly #deps: NotificationHandlerOptions;

  constructor(deps: NotificationHandlerOptions) {
    this.#deps = deps;
  }

  async notifications(batch: readonly HandledNotification[], source: NotificationSource): Promise<void> {
    const reports: Report[] = [];
    let failure: unknown;
    this.#deps.store.inOneCommit("acceptNotification", () => {
      for (const notification of batch) {
        try {
          reports.push(this.#handle(notification, source));
        } catch (error) {
          // The ones after it wait too: catch-up's cursor must not pass a notification not stored.
          failure = error;
          break;
        }
      }
    });
    // Said once it is durable: had the commit failed, nothing above would be true.
    for (const report of reports) report.log();
    if (reports.some((report) => report.queued)) this.#deps.wake();
    if (failure !== undefined) throw failure;
  }

  #handle(notification: HandledNotification, source: NotificationSource): Report {
    const log = this.#deps.logger.child({ notificationId: notification.id, source, type: notification.kind });
    const record = this.#deps.cursor.receive(notification.id, source);
    // Stream and catch-up overlap: the second delivery is expected, not news.
    if (record === null) return { queued: false, log: () => log.debug("notification already handled") };
    return notification.kind === "mention"
      ? this.#mention(notification, record, log)
      : this.#follow(notification, record, log);
  }

  statusDeleted(statusId: string): void {
    const log = this.#deps.logger.child({ statusId });
    try {
      const cancelled = this.#deps.store.markStatusDeleted(statusId, this.#deps.now());
      if (cancelled > 0) log.info({ cancelled }, "status deleted: its unsent reply is cancelled");
      else log.debug("status deleted: nothing queued for it");
    } catch (error) {
      log.error({ err: error }, "could not cancel the reply to a deleted status");
    }
  }

  #mention(
    notification: Extract<HandledNotification, { kind: "mention" }>,
    record: RecordOutcome,
    log: Logger,
  ): Report {
    const { hooks } = this.#deps;
    const { mention } = notification;
    const now = this.#deps.now();
    const plan = this.#plan(notification, now, log);
    const outcome = mentionOutcome(notification.id, mention, plan, now, notification.createdAt);
    const unmatched = this.#unmatched(mention, plan);
    const accepted = record(unmatched === undefined ? outcome : { ...outcome, unmatched });
    if (!accepted) return { queued: false, log: () => log.debug("notification already handled") };
    const decision = plan?.decision ?? { action: "ignore", reason: "error" as const };
    const fields = {
      statusId: mention.statusId,
      accountId: mention.author.id,
      intents: plan?.classification.intents,
      language: plan?.classification.language,
    };
    if (decision.action === "ignore") {
      return {
        queued: false,
        log: () => {
          hooks?.onMention?.();
          hooks?.onIgnored?.(decision.reason);
          const level = decision.reason === "cooldown" ? "warn" : "info";
          log[level]({ ...fields, decision: "ignore", reason: decision.reason }, "mention ignored");
        },
      };
    }
    const posts = plan?.posts.length ?? 0;
    const detail =
      decision.action === "reply" ? { kind: decision.kind, visibility: decision.visibility } : {};
    return {
      queued: true,
      log: () => {
        hooks?.onMention?.();
        log.info(
          { ...fields, decision: decision.action, ...detail, posts, favourite: plan?.favourite },
          "reply queued",
        );
      },
    };
  }

  /** What the operator's review keeps of this mention, if it was not understood (and keeping is on). */
  #unmatched(mention: Mention, plan: MentionPlan | undefined): UnmatchedInput | undefined {
    if (plan === undefined || (this.#deps.options.keepUnmatchedMs ?? 0) <= 0) return undefined;
    const { classification, decision } = plan;
    const reason = unmatchedReason({
      visibility: mention.visibility,
      intents: classification.intents,
      decision,
    });
    if (reason === null) return undefined;
    return {
      content: mention.contentHtml,
      language: mention.language,
      detectedLanguage: classification.language,
      found: classification.intents,
      reason,
      createdAt: mention.createdAt,
    };
  }

  /** A failure to classify or compose is logged and the mention recorded, so it cannot block the cursor. */
  #plan(
    notification: Extract<HandledNotification, { kind: "mention" }>,
    now: Date,
    log: Logger,
  ): MentionPlan | undefined {
    const { store } = this.#deps;
    const accountId = notification.mention.author.id;
    try {
      return planMention({
        mention: notification.mention,
        matcher: this.#deps.matcher,
        knowledge: this.#deps.knowledge,
        botAccountId: this.#deps.botAccountId,
        botUsername: this.#deps.botUsername,
        options: this.#deps.options,
        history: replyHistory(store, accountId, now),
        limits: this.#deps.limits,
        now,
      });
    } catch (error) {
      log.error({ err: error }, "could not answer the mention; it is recorded without a reply");
      return undefined;
    }
  }

  #follow(
    notification: Extract<HandledNotification, { kind: "follow" }>,
    record: RecordOutcome,
    log: Logger,
  ): Report {
    const { account } = notification;
    const now = this.#deps.now();
    const queued = this.#greet(account, now);
    const accepted = record({
      notificationId: notification.id,
      statusId: null,
      accountId: account.id,
      kind: "follow",
      receivedAt: now,
      createdAt: notification.createdAt,
      posts: [],
    });
    if (!accepted) return { queued: false, log: () => log.debug("notification already handled") };
    if (queued === "greeted") {
      return {
        queued: true,
        log: () => log.info({ accountId: account.id, decision: "greet" }, "greeting queued"),
      };
    }
    return {
      queued: false,
      log: () =>
        log.info({ accountId: account.id, decision: "skip", reason: queued }, "follower not greeted"),
    };
  }

  /** Queues the greeting (at most once per account, by the store); says what happened. */
  #greet(account: MentionAuthor, now: Date): GreetingSkipReason | "greeted" | "already-greeted" {
    const { options } = this.#deps;
    const decision = decideGreeting({
      account,
      botAccountId: this.#deps.botAccountId,
      knowledge: this.#deps.knowledge,
      options,
      limits: this.#deps.limits,
    });
    if (decision.action === "skip") return decision.reason;
    const posts = decision.posts.map(
      (text, index): OutboxPostInput => ({
        text,
        language: decision.language,
        visibility: decision.visibility,
        inReplyToId: null,
        chainToPrevious: index > 0,
      }),
    );
    const maxDelay = options.greetingMaxDelayMs ?? DEFAULT_GREETING_MAX_DELAY_MS;
    const group = { posts, dueAt: now, deadlineAt: new Date(now.getTime() + maxDelay) };
    return this.#deps.store.markGreeted(account.id, now, group) ? "greeted" : "already-greeted";
  }
}
