import { describe, expect, it } from "vitest";
import { type UnmatchedRuleInput, unmatchedReason } from "../../src/bot/unmatched-reason.js";
import type { ReplyDecision } from "../../src/policy/reply-policy.js";

const answer: ReplyDecision = { action: "reply", kind: "answer", visibility: "unlisted", favourite: false };
const menu: ReplyDecision = { action: "reply", kind: "menu", visibility: "unlisted", favourite: false };

function reason(overrides: Partial<UnmatchedRuleInput>): string | null {
  return unmatchedReason({
    visibility: "public",
    intents: ["form_facebook"],
    decision: answer,
    ...overrides,
  });
}

describe("unmatchedReason", () => {
  it("keeps a public or unlisted mention that got the topic menu", () => {
    expect(reason({ intents: [], decision: menu })).toBe("menu");
    expect(reason({ intents: [], decision: menu, visibility: "unlisted" })).toBe("menu");
  });

  it("never keeps a followers-only or direct mention", () => {
    expect(reason({ intents: [], decision: menu, visibility: "private" })).toBeNull();
    expect(reason({ intents: [], decision: menu, visibility: "direct" })).toBeNull();
    expect(reason({ decision: { action: "ignore", reason: "cooldown" }, visibility: "direct" })).toBeNull();
  });

  it("keeps what the bot chose to stay silent on, with the policy's reason", () => {
    expect(reason({ intents: [], decision: { action: "ignore", reason: "menu-cooldown" } })).toBe(
      "silent:menu-cooldown",
    );
    expect(reason({ decision: { action: "ignore", reason: "too-old" } })).toBe("silent:too-old");
    expect(reason({ decision: { action: "ignore", reason: "cooldown" } })).toBe("silent:cooldown");
  });

  it("does not keep the bot's own posts or other bots' (ignored for who wrote them)", () => {
    expect(reason({ intents: [], decision: { action: "ignore", reason: "self" } })).toBeNull();
    expect(reason({ intents: [], decision: { action: "ignore", reason: "bot" } })).toBeNull();
  });

  it("does not keep a mention that was understood", () => {
    expect(reason({})).toBeNull();
    expect(reason({ intents: ["thanks"], decision: { action: "favourite" } })).toBeNull();
  });

  it("keeps any other mention with no intent found", () => {
    expect(reason({ intents: [], decision: { action: "favourite" } })).toBe("nothing");
  });
});
