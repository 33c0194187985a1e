/**
 * Mastodon 4.3's notification policy (API notes §3): per kind of sender, whether their
 * notifications are accepted, filtered (held back: neither streamed nor listed) or dropped.
 * A mention that is held back is a question the bot never sees.
 */

export type PolicyValue = "accept" | "filter" | "drop";

/** The policy as masto returns it (camelCase); unknown values from other servers are kept as text. */
export interface NotificationPolicyView {
  readonly forNotFollowing: string;
  readonly forNotFollowers: string;
  readonly forNewAccounts: string;
  readonly forPrivateMentions: string;
  readonly forLimitedAccounts: string;
}

type PolicyKey = keyof NotificationPolicyView;

/** Wire name and who is meant, for the operator. */
const KEYS: ReadonlyArray<readonly [PolicyKey, string, string]> = [
  ["forNotFollowing", "for_not_following", "mentions from accounts the bot does not follow"],
  ["forNotFollowers", "for_not_followers", "mentions from accounts that do not follow the bot"],
  ["forNewAccounts", "for_new_accounts", "mentions from accounts younger than 30 days"],
  ["forPrivateMentions", "for_private_mentions", "private mentions from accounts the bot does not follow"],
  ["forLimitedAccounts", "for_limited_accounts", "mentions from accounts limited by a moderator"],
];

/** The only key setup-profile changes: strangers ask by private mention too. */
export const PRIVATE_MENTIONS_ACCEPTED = { forPrivateMentions: "accept" } as const;

/** `for_not_following=accept, for_not_followers=accept, …` */
export function describePolicy(policy: NotificationPolicyView): string {
  return KEYS.map(([key, wire]) => `${wire}=${policy[key]}`).join(", ");
}

/**
 * One warning per setting that keeps strangers' questions from the bot. Limited accounts are
 * left out: a moderator limited them, and the bot has no business overriding that.
 */
export function policyWarnings(policy: NotificationPolicyView): string[] {
  return KEYS.filter(([key]) => key !== "forLimitedAccounts" && policy[key] !== "accept").map(
    ([key, wire, who]) =>
      `${who} are ${policy[key] === "drop" ? "dropped" : "held back"} (${wire}=${policy[key]}): their questions never reach the bot`,
  );
}

/** Whether setup-profile has to accept private mentions. */
export function needsPrivateMentions(policy: NotificationPolicyView): boolean {
  return policy.forPrivateMentions !== "accept";
}
