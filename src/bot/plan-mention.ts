import type { Language } from "../domain/language.js";
import type { Classification, Mention } from "../domain/mention.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { classify } from "../matcher/classify.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import {
  decideReply,
  type ReplyDecision,
  type ReplyHistory,
  type ReplyPolicyOptions,
} from "../policy/reply-policy.js";
import { composeReply, type ReplyLimits } from "../replies/compose-reply.js";
import type { OutboxPostInput } from "../store/state-store.js";
import type { NotificationOutcome } from "./notification-cursor.js";

export interface PlanMentionInput {
  readonly mention: Mention;
  readonly matcher: CompiledMatcher;
  readonly knowledge: Knowledge;
  readonly botAccountId: string;
  /**
   * The bot's user name on its server (verify_credentials `username`): where this handle stands
   * in a post says whether the bot is asked. @default the rules' `addressing.self` (local mode, `ask`)
   */
  readonly botUsername?: string;
  readonly options: ReplyPolicyOptions;
  readonly history: ReplyHistory;
  readonly limits?: Partial<ReplyLimits>;
  /** Answer in this language, whatever the matcher detected (`ask --lang`). @default detected */
  readonly answerLanguage?: Language;
  /** When the mention is handled; answers are phrased for this day. */
  readonly now: Date;
}

/** What to queue for one mention: the decision, and the outbox items that carry it out. */
export interface MentionPlan {
  readonly classification: Classification;
  readonly decision: ReplyDecision;
  /** Post 0 answers the mention; later posts chain to the one before (a thread). */
  readonly posts: readonly OutboxPostInput[];
  readonly favourite: boolean;
  /** The posts are the topic menu (its cooldown is recorded with them). */
  readonly topicMenu: boolean;
  /** When the reply's text stops being true (Reply.validUntil); null: any day. */
  readonly validUntil: Date | null;
  /**
   * After this the reply is dropped as expired: REPLY_MAX_DELAY after the mention, and never
   * after its text stops being true (the midnight that would make "noch 3 Tage" untrue).
   */
  readonly deadlineAt: Date;
  /** Replies queued to the author in the last hour (the history's count): orders the outbox fairly. */
  readonly accountRank: number;
}

/** Classifies a mention, applies the reply policy and writes the reply. Pure. */
export function planMention(input: PlanMentionInput): MentionPlan {
  const { mention, now } = input;
  const classification = classify(input.matcher, {
    content: mention.contentHtml,
    language: mention.language,
    ...(mention.parent === undefined ? {} : { parent: mention.parent }),
    ...(input.botUsername === undefined ? {} : { self: input.botUsername }),
  });
  const decision = decideReply({
    mention,
    classification,
    botAccountId: input.botAccountId,
    options: input.options,
    history: input.history,
    now,
  });
  const latest = mention.createdAt.getTime() + input.options.replyMaxDelayMs;
  const nothing = {
    classification,
    decision,
    posts: [],
    favourite: false,
    topicMenu: false,
    validUntil: null,
    deadlineAt: new Date(latest),
    accountRank: input.history.repliesLastHour,
  };
  if (decision.action === "ignore") return nothing;
  if (decision.action === "favourite") return { ...nothing, favourite: true };

  const reply = composeReply({
    intents: classification.intents,
    notes: classification.notes,
    language: input.answerLanguage ?? classification.language,
    now,
    // The author alone: thread participants and other mentioned accounts are not pinged again.
    author: { acct: mention.author.acct },
    knowledge: input.knowledge,
    ...(input.limits === undefined ? {} : { limits: input.limits }),
  });
  const posts = reply.posts.map(
    (text, index): OutboxPostInput => ({
      text,
      language: reply.language,
      visibility: decision.visibility,
      inReplyToId: index === 0 ? mention.statusId : null,
      chainToPrevious: index > 0,
    }),
  );
  return {
    classification,
    decision,
    posts,
    favourite: decision.favourite,
    topicMenu: decision.kind === "menu",
    validUntil: reply.validUntil,
    deadlineAt: new Date(reply.validUntil === null ? latest : Math.min(latest, reply.validUntil.getTime())),
    accountRank: input.history.repliesLastHour,
  };
}

/**
 * What the store keeps of a planned mention: the reply's posts, the favourite, and the cooldowns
 * they count for. Without a plan (classifying or composing failed) the mention is stored with
 * nothing to send, so it cannot block the cursor.
 */
export function mentionOutcome(
  notificationId: string,
  mention: Mention,
  plan: MentionPlan | undefined,
  receivedAt: Date,
  createdAt: Date,
): NotificationOutcome {
  return {
    notificationId,
    statusId: mention.statusId,
    accountId: mention.author.id,
    kind: "mention",
    receivedAt,
    createdAt,
    posts: plan?.posts ?? [],
    favourite: plan?.favourite ?? false,
    topicMenu: plan?.topicMenu ?? false,
    ...(plan === undefined ? {} : { deadlineAt: plan.deadlineAt, accountRank: plan.accountRank }),
  };
}
