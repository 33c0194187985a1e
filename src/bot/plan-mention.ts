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

export interface PlanMentionInput {
  readonly mention: Mention;
  readonly matcher: CompiledMatcher;
  readonly knowledge: Knowledge;
  readonly botAccountId: string;
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
}

/** Classifies a mention, applies the reply policy and writes the reply. Pure. */
export function planMention(input: PlanMentionInput): MentionPlan {
  const { mention, now } = input;
  const classification = classify(input.matcher, {
    content: mention.contentHtml,
    language: mention.language,
  });
  const decision = decideReply({
    mention,
    classification,
    botAccountId: input.botAccountId,
    options: input.options,
    history: input.history,
    now,
  });
  const nothing = {
    classification,
    decision,
    posts: [],
    favourite: false,
    topicMenu: false,
    validUntil: null,
  };
  if (decision.action === "ignore") return nothing;
  if (decision.action === "favourite") return { ...nothing, favourite: true };

  const reply = composeReply({
    intents: classification.intents,
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
  };
}
