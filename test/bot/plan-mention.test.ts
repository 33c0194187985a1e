import { beforeEach, describe, expect, it, vi } from "vitest";
import { planMention } from "../../src/bot/plan-mention.js";
import { classify } from "../../src/matcher/classify.js";
import { DEFAULT_REPLY_POLICY_OPTIONS } from "../../src/policy/reply-policy.js";
import { BOT_ID, mention, NOW } from "../policy/mention-fixture.js";
import { realKnowledge, realMatcher } from "../support/knowledge.js";

// The real matcher, watched: what the planner hands it is the point here.
vi.mock("../../src/matcher/classify.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/matcher/classify.js")>();
  return { ...original, classify: vi.fn(original.classify) };
});

const plan = (m = mention(), botUsername?: string) =>
  planMention({
    mention: m,
    matcher: realMatcher(),
    knowledge: realKnowledge(),
    botAccountId: BOT_ID,
    ...(botUsername === undefined ? {} : { botUsername }),
    options: DEFAULT_REPLY_POLICY_OPTIONS,
    history: { repliesLastHour: 0, lastMenuAt: null },
    now: NOW,
  });

describe("planMention", () => {
  beforeEach(() => {
    vi.mocked(classify).mockClear();
  });

  it("hands the post replied to, when the adapter read it, to the matcher", () => {
    const parent = { content: "<p>Für Facebook: https://…</p>", language: "de", fromBot: true };
    plan({ ...mention({ text: "und bei Insta?" }), inReplyToId: "s1", parent });
    expect(vi.mocked(classify).mock.calls[0]![1]).toMatchObject({ parent });
  });

  it("hands no parent over for a mention without one", () => {
    plan();
    expect(vi.mocked(classify).mock.calls[0]![1]).not.toHaveProperty("parent");
  });

  const hcard = (name: string) =>
    `<span class="h-card" translate="no"><a href="https://social.example/@${name}" class="u-url mention">@<span>${name}</span></a></span>`;

  it("tells the matcher the bot's own user name: a bot named otherbot is addressed by @otherbot", () => {
    // A thread reply (every participant's handle first) that calls the bot by its name.
    const html = `<p>${hcard("bob")} ${hcard("otherbot")} Otherbot, wo widerspreche ich bei Instagram</p>`;
    const result = plan({ ...mention({ html }), inReplyToId: "s1" }, "otherbot");
    expect(vi.mocked(classify).mock.calls[0]![1]).toMatchObject({ self: "otherbot" });
    expect(result.classification.intents).toEqual(["form_instagram"]);
    expect(result.posts).toHaveLength(1);
  });

  it("leaves the name to the rules' default when none is given (local mode, ask)", () => {
    plan();
    expect(vi.mocked(classify).mock.calls[0]![1]).not.toHaveProperty("self");
  });
});
