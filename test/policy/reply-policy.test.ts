import { describe, expect, it } from "vitest";
import type { Intent } from "../../src/domain/intent.js";
import type { Visibility } from "../../src/domain/mention.js";
import {
  DEFAULT_REPLY_POLICY_OPTIONS,
  type DecideReplyInput,
  decideReply,
  type ReplyPolicyOptions,
  replyFor,
  replyVisibility,
} from "../../src/policy/reply-policy.js";
import { BOT_ID, type MentionFixture, mention, NOW } from "./mention-fixture.js";

const HOUR = 60 * 60 * 1000;

interface Case {
  readonly intents?: Intent[];
  /** Does the post ask the bot anything? @default true */
  readonly asked?: boolean;
  readonly mention?: MentionFixture;
  readonly options?: Partial<ReplyPolicyOptions>;
  readonly repliesLastHour?: number;
  readonly lastMenuAt?: Date | null;
  readonly now?: Date;
}

function decide(c: Case = {}) {
  const input: DecideReplyInput = {
    mention: mention(c.mention),
    classification: {
      asked: c.asked ?? true,
      intents: c.intents ?? ["form_instagram"],
      notes: [],
      language: "de",
    },
    botAccountId: BOT_ID,
    options: { ...DEFAULT_REPLY_POLICY_OPTIONS, ...c.options },
    history: { repliesLastHour: c.repliesLastHour ?? 0, lastMenuAt: c.lastMenuAt ?? null },
    now: c.now ?? NOW,
  };
  return decideReply(input);
}

describe("decideReply: who gets an answer", () => {
  it("answers a question from a person", () => {
    expect(decide()).toEqual({ action: "reply", kind: "answer", visibility: "unlisted", favourite: false });
  });

  it("never answers the bot's own status", () => {
    expect(decide({ mention: { author: { id: BOT_ID } } })).toEqual({ action: "ignore", reason: "self" });
  });

  it("never answers itself even when it would answer bots", () => {
    const decision = decide({
      mention: { author: { id: BOT_ID, bot: true } },
      options: { replyToBots: true },
    });
    expect(decision).toEqual({ action: "ignore", reason: "self" });
  });

  it("ignores bot accounts by default", () => {
    expect(decide({ mention: { author: { bot: true } } })).toEqual({ action: "ignore", reason: "bot" });
  });

  it("ignores thanks from a bot too (no favourite loops)", () => {
    const decision = decide({ intents: ["thanks"], mention: { author: { bot: true } } });
    expect(decision).toEqual({ action: "ignore", reason: "bot" });
  });

  it("answers bot accounts with REPLY_TO_BOTS", () => {
    const decision = decide({ mention: { author: { bot: true } }, options: { replyToBots: true } });
    expect(decision.action).toBe("reply");
  });
});

describe("decideReply: cooldown", () => {
  it.each([
    [0, "reply"],
    [19, "reply"],
    [20, "ignore"],
    [35, "ignore"],
  ] as const)("with %i replies in the last hour (limit 20): %s", (repliesLastHour, action) => {
    const decision = decide({ repliesLastHour });
    expect(decision.action).toBe(action);
    if (decision.action === "ignore") expect(decision.reason).toBe("cooldown");
  });

  it("follows REPLIES_PER_ACCOUNT_PER_HOUR", () => {
    expect(decide({ repliesLastHour: 1, options: { repliesPerAccountPerHour: 1 } })).toEqual({
      action: "ignore",
      reason: "cooldown",
    });
    expect(decide({ repliesLastHour: 1, options: { repliesPerAccountPerHour: 2 } }).action).toBe("reply");
  });

  it("holds back the menu too when the cooldown is reached", () => {
    expect(decide({ intents: [], repliesLastHour: 20 })).toEqual({ action: "ignore", reason: "cooldown" });
  });

  it("still favourites thanks in the cooldown: a favourite is no reply", () => {
    expect(decide({ intents: ["thanks"], repliesLastHour: 20 })).toEqual({ action: "favourite" });
  });
});

describe("decideReply: thanks and the topic menu", () => {
  it("favourites thanks alone, with no text", () => {
    expect(decide({ intents: ["thanks"] })).toEqual({ action: "favourite" });
  });

  it("answers and favourites thanks with a question", () => {
    expect(decide({ intents: ["form_facebook", "thanks"] })).toEqual({
      action: "reply",
      kind: "answer",
      visibility: "unlisted",
      favourite: true,
    });
  });

  it("sends the menu for an off-topic mention when none went out before", () => {
    expect(decide({ intents: [] })).toEqual({
      action: "reply",
      kind: "menu",
      visibility: "unlisted",
      favourite: false,
    });
  });

  it("sends nothing, not even the menu, to a post that asks the bot nothing", () => {
    expect(decide({ asked: false, intents: [] })).toEqual({ action: "ignore", reason: "unasked" });
  });

  it("still favourites a thank-you to the bot in a post that asks nothing", () => {
    expect(decide({ asked: false, intents: ["thanks"] })).toEqual({ action: "favourite" });
  });

  it.each([
    [1, "menu-cooldown"],
    [23.99, "menu-cooldown"],
    [24, "menu"],
    [30, "menu"],
  ] as const)("with the last menu %f h ago: %s", (hoursAgo, expected) => {
    const decision = decide({ intents: [], lastMenuAt: new Date(NOW.getTime() - hoursAgo * HOUR) });
    if (expected === "menu") expect(decision).toMatchObject({ action: "reply", kind: "menu" });
    else expect(decision).toEqual({ action: "ignore", reason: "menu-cooldown" });
  });

  it("follows MENU_COOLDOWN", () => {
    const lastMenuAt = new Date(NOW.getTime() - 2 * HOUR);
    expect(decide({ intents: [], lastMenuAt, options: { menuCooldownMs: HOUR } }).action).toBe("reply");
  });

  it("answers a real question right after a menu", () => {
    const decision = decide({ intents: ["deadline"], lastMenuAt: new Date(NOW.getTime() - HOUR) });
    expect(decision).toMatchObject({ action: "reply", kind: "answer" });
  });
});

describe("replyFor: what a classification asks for, before cooldowns", () => {
  const c = (asked: boolean, intents: Intent[]) => ({ asked, intents, notes: [], language: "de" as const });
  it("favourites thanks alone (asked or not), writes nothing unasked, answers a topic, sends the menu for nothing found", () => {
    expect(replyFor(c(true, ["thanks"]))).toBe("favourite");
    expect(replyFor(c(false, ["thanks"]))).toBe("favourite");
    expect(replyFor(c(false, []))).toBe("unasked");
    expect(replyFor(c(true, ["thanks", "deadline"]))).toBe("answer");
    expect(replyFor(c(true, ["help"]))).toBe("answer");
    expect(replyFor(c(true, []))).toBe("menu");
  });
});

describe("decideReply: too old", () => {
  it.each([
    [1, "reply"],
    [2, "reply"],
    [2.01, "ignore"],
    [26, "ignore"],
  ] as const)("a mention %f h old (REPLY_MAX_DELAY 2 h): %s", (hours, action) => {
    const createdAt = new Date(NOW.getTime() - hours * HOUR);
    const decision = decide({ mention: { createdAt } });
    expect(decision.action).toBe(action);
    if (decision.action === "ignore") expect(decision.reason).toBe("too-old");
  });

  it("does not favourite old thanks either", () => {
    const decision = decide({
      intents: ["thanks"],
      mention: { createdAt: new Date(NOW.getTime() - 3 * HOUR) },
    });
    expect(decision).toEqual({ action: "ignore", reason: "too-old" });
  });
});

describe("decideReply: visibility never widens", () => {
  it.each([
    ["direct", "unlisted", "direct"],
    ["direct", "public", "direct"],
    ["private", "unlisted", "direct"],
    ["private", "public", "direct"],
    ["unlisted", "unlisted", "unlisted"],
    ["unlisted", "public", "unlisted"],
    ["public", "unlisted", "unlisted"],
    ["public", "public", "public"],
  ] as const)(
    "a %s mention with REPLY_VISIBILITY=%s gets a %s reply",
    (mentionVisibility, configured, expected) => {
      const decision = decide({
        mention: { visibility: mentionVisibility },
        options: { replyVisibility: configured },
      });
      expect(decision).toMatchObject({ action: "reply", visibility: expected });
      expect(replyVisibility(mentionVisibility, configured)).toBe(expected);
    },
  );

  it("keeps a menu to a DM a DM", () => {
    expect(decide({ intents: [], mention: { visibility: "direct" } })).toMatchObject({
      kind: "menu",
      visibility: "direct" satisfies Visibility,
    });
  });
});
