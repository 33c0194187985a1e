import { describe, expect, it } from "vitest";
import { FAVOURITE_LINE, LocalSession } from "../../src/app/local-session.js";
import { DEFAULT_REPLY_POLICY_OPTIONS } from "../../src/policy/reply-policy.js";
import { realKnowledge, realMatcher } from "../support/knowledge.js";
import { openTestStore } from "../support/test-store.js";

const knowledge = realKnowledge();
const matcher = realMatcher();
const campaign = knowledge.campaigns[0]!;
const BEFORE = new Date("2025-05-23T10:00:00+02:00");
const menu = `@local ${knowledge.languages.get("de")!.fallback}`;

function session(now: () => Date = () => BEFORE, policy = DEFAULT_REPLY_POLICY_OPTIONS) {
  return new LocalSession({ store: openTestStore(), knowledge, matcher, now, policy });
}

describe("LocalSession.reply", () => {
  it("favourites thanks that come with a question, after the answer", () => {
    const printed = session().reply("Danke! Wo widerspreche ich bei Facebook?");
    expect(printed).toContain(campaign.forms.facebook);
    expect(printed.endsWith(`\n${FAVOURITE_LINE}`)).toBe(true);
  });

  it("sends the topic menu once per MENU_COOLDOWN, as the live bot does, and answers questions meanwhile", () => {
    let now = BEFORE;
    const local = session(() => now);
    expect(local.reply("Weißt du, wie das Wetter morgen wird?")).toBe(menu);
    expect(local.reply("Und übermorgen, weißt du das?")).toBe("(no reply: menu-cooldown)");
    expect(local.reply("Wo widerspreche ich bei Instagram?")).toContain(campaign.forms.instagram);
    now = new Date(BEFORE.getTime() + DEFAULT_REPLY_POLICY_OPTIONS.menuCooldownMs);
    expect(local.reply("Und übermorgen, weißt du das?")).toBe(menu);
  });

  it("stops at REPLIES_PER_ACCOUNT_PER_HOUR but still favourites thanks", () => {
    const local = session(() => BEFORE, { ...DEFAULT_REPLY_POLICY_OPTIONS, repliesPerAccountPerHour: 1 });
    expect(local.reply("bis wann?")).toMatch(/^@local /);
    expect(local.reply("bis wann?")).toBe("(no reply: cooldown)");
    expect(local.reply("Danke!")).toBe(FAVOURITE_LINE);
  });
});
