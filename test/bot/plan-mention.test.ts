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

const plan = (m = mention()) =>
  planMention({
    mention: m,
    matcher: realMatcher(),
    knowledge: realKnowledge(),
    botAccountId: BOT_ID,
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
});
