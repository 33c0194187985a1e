import type { MentionPlan } from "../bot/plan-mention.js";
import { planTypedMention } from "../bot/typed-mention.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import {
  COOLDOWN_WINDOW_MS,
  DEFAULT_REPLY_POLICY_OPTIONS,
  type ReplyHistory,
  type ReplyPolicyOptions,
} from "../policy/reply-policy.js";
import type { ReplyLimits } from "../replies/compose-reply.js";

/** Printed between the posts of one reply (a thread). */
export const POST_SEPARATOR = "~~~";
/** Printed when the bot would favourite the mention (thanks). */
export const FAVOURITE_LINE = "(favourite)";

export interface LocalSessionOptions {
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
  readonly #replyTimes: number[] = [];
  #lastMenuAt: Date | null = null;

  constructor(options: LocalSessionOptions) {
    this.#options = options;
  }

  /** The printed form of the bot's answer to one line (see formatLocalPlan). */
  reply(text: string): string {
    const { knowledge, matcher, limits } = this.#options;
    const now = this.#options.now();
    const plan = planTypedMention({
      text,
      acct: this.#options.acct ?? "local",
      languageHint: null,
      matcher,
      knowledge,
      options: this.#options.policy ?? DEFAULT_REPLY_POLICY_OPTIONS,
      history: this.#history(now),
      ...(limits === undefined ? {} : { limits }),
      now,
    });
    if (plan.posts.length > 0) this.#replyTimes.push(now.getTime());
    if (plan.topicMenu) this.#lastMenuAt = now;
    return formatLocalPlan(plan);
  }

  #history(now: Date): ReplyHistory {
    const since = now.getTime() - COOLDOWN_WINDOW_MS;
    return {
      repliesLastHour: this.#replyTimes.filter((at) => at >= since).length,
      lastMenuAt: this.#lastMenuAt,
    };
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
