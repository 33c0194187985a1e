/** Mastodon 4.3 notification policy: does a new notification get accepted, filtered or dropped? */
import type { NotificationPolicy, PolicyValue } from "../types.js";

export const DEFAULT_POLICY: NotificationPolicy = {
  forNotFollowing: "accept",
  forNotFollowers: "accept",
  forNewAccounts: "accept",
  forPrivateMentions: "filter",
  forLimitedAccounts: "filter",
};

export interface PolicyFacts {
  type: string;
  botFollowsSender: boolean;
  senderFollowsBot: boolean;
  privateMention: boolean;
  /** The mention answers a direct status in which the bot mentioned the sender. */
  answersBotPrivateMention: boolean;
}

const RANK: Record<PolicyValue, number> = { accept: 0, filter: 1, drop: 2 };

/** The strictest verdict among the rules that apply; only mentions are subject to the policy here. */
export function policyVerdict(policy: NotificationPolicy, facts: PolicyFacts): PolicyValue {
  if (facts.type !== "mention") return "accept";
  const verdicts: PolicyValue[] = ["accept"];
  if (!facts.botFollowsSender) verdicts.push(policy.forNotFollowing);
  if (!facts.senderFollowsBot) verdicts.push(policy.forNotFollowers);
  if (facts.privateMention && !facts.botFollowsSender && !facts.answersBotPrivateMention) {
    verdicts.push(policy.forPrivateMentions);
  }
  return verdicts.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}
