import { describe, expect, it } from "vitest";
import {
  describePolicy,
  type NotificationPolicyView,
  needsPrivateMentions,
  policyWarnings,
} from "../../src/profile/notification-policy.js";

const MASTODON_DEFAULT: NotificationPolicyView = {
  forNotFollowing: "accept",
  forNotFollowers: "accept",
  forNewAccounts: "accept",
  forPrivateMentions: "filter",
  forLimitedAccounts: "filter",
};

describe("notification policy", () => {
  it("warns about filtered private mentions under Mastodon's defaults, not about limited accounts", () => {
    expect(policyWarnings(MASTODON_DEFAULT)).toEqual([
      "private mentions from accounts the bot does not follow are held back (for_private_mentions=filter): their questions never reach the bot",
    ]);
    expect(needsPrivateMentions(MASTODON_DEFAULT)).toBe(true);
  });

  it("says dropped for drop, and nothing once everything strangers send is accepted", () => {
    expect(policyWarnings({ ...MASTODON_DEFAULT, forNewAccounts: "drop" })[0]).toMatch(
      /^mentions from accounts younger than 30 days are dropped \(for_new_accounts=drop\)/,
    );
    const open = { ...MASTODON_DEFAULT, forPrivateMentions: "accept" };
    expect(policyWarnings(open)).toEqual([]);
    expect(needsPrivateMentions(open)).toBe(false);
  });

  it("describes the policy with the API's names", () => {
    expect(describePolicy(MASTODON_DEFAULT)).toBe(
      "for_not_following=accept, for_not_followers=accept, for_new_accounts=accept, for_private_mentions=filter, for_limited_accounts=filter",
    );
  });
});
