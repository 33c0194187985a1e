import { NotificationCursor } from "../bot/notification-cursor.js";
import { type MentionPlan, mentionOutcome, planMention } from "../bot/plan-mention.js";
import { replyHistory } from "../bot/reply-history.js";
import { TYPED_BOT_ACCOUNT_ID, typedMention } from "../bot/typed-mention.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import { DEFAULT_REPLY_POLICY_OPTIONS, type ReplyPolicyOptions } from "../policy/reply-policy.js";
import type { ReplyLimits } from "../replies/compose-reply.js";
import type { StateStore } from "../store/state-store.js";

/** Printed between the posts of one reply (a thread). */
export const POST_SEPARATOR = "~~~";
/** Printed when the bot would favourite the mention (thanks). */
export const FAVOURITE_LINE = "(favourite)";

export interface LocalSessionOptions {
  /**
   * Where the session's replies are recorded, so that the cooldowns come from the same SQL as the
   * live bot's (a throwaway in-memory store). Nothing sends its outbox in local mode.
   */
  readonly store: StateStore;
  readonly knowledge: Knowledge;
  readonly matcher: CompiledMatcher;
  readonly now: () => Date;
  readonly limits?: Partial<ReplyLimits>;
  /** The live bot's reply rules (the settings). @default DEFAULT_REPLY_POLICY_OPTIONS */
  readonly policy?: ReplyPolicyOptions;
  /** The pretend author of every line. @default "local" */
  readonly acct?: string;
}

/**
 * One local user talking to the bot: every line is planned by the live bot's planner, and the
 * session remembers its replies as the store would, so the live cooldowns hold (the topic menu
 * once per MENU_COOLDOWN, REPLIES_PER_ACCOUNT_PER_HOUR).
 */
export class LocalSession {
  readonly #options: LocalSessionOptions;
  readonly #cursor: NotificationCursor;
  #lines = 0;

  constructor(options: LocalSessionOptions) {
    this.#options = options;
    this.#cursor = new NotificationCursor(options.store, options.now);
  }

  /** The printed form of the bot's answer to one line (see formatLocalPlan). */
  reply(text: string): string {
    const { knowledge, matcher, limits, store } = this.#options;
    const now = this.#options.now();
    const id = `local-${++this.#lines}`;
    const mention = typedMention(text, this.#options.acct ?? "local", null, now, id);
    const plan = planMention({
      mention,
      matcher,
      knowledge,
      botAccountId: TYPED_BOT_ACCOUNT_ID,
      options: this.#options.policy ?? DEFAULT_REPLY_POLICY_OPTIONS,
      history: replyHistory(store, mention.author.id, now),
      ...(limits === undefined ? {} : { limits }),
      now,
    });
    this.#cursor.receive(id, "stream")?.(mentionOutcome(id, mention, plan, now, now));
    return formatLocalPlan(plan);
  }
}

/**
 * The posts as they would be posted, split by `~~~` lines; then `(favourite)` when the bot
 * favourites the mention; `(no reply: reason)` when it answers nothing. The visibility is not
 * printed: every typed line is a public mention, so every reply has REPLY_VISIBILITY.
 */
export function formatLocalPlan(plan: MentionPlan): string {
  if (plan.decision.action === "ignore") return `(no reply: ${plan.decision.reason})`;
  const blocks = plan.posts.map((post) => post.text).join(`\n${POST_SEPARATOR}\n`);
  return [blocks, plan.favourite ? FAVOURITE_LINE : ""].filter((part) => part !== "").join("\n");
}
