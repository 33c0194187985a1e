import type { Intent } from "../domain/intent.js";
import type { Classification, Mention, Visibility } from "../domain/mention.js";

/** The live bot's reply rules, from the environment (see src/config/settings.ts). */
export interface ReplyPolicyOptions {
  /** `REPLY_TO_BOTS`: answer accounts flagged as bots. @default false */
  readonly replyToBots: boolean;
  /** `REPLIES_PER_ACCOUNT_PER_HOUR`: replies (menus included) to one account per rolling hour. @default 20 */
  readonly repliesPerAccountPerHour: number;
  /** `MENU_COOLDOWN`: the topic menu goes to one account at most once in this time. @default 24 h */
  readonly menuCooldownMs: number;
  /** `REPLY_MAX_DELAY`: a mention older than this when handled gets nothing. @default 2 h */
  readonly replyMaxDelayMs: number;
  /** `REPLY_VISIBILITY`: for replies to public mentions. @default "unlisted" */
  readonly replyVisibility: "public" | "unlisted";
}

export const DEFAULT_REPLY_POLICY_OPTIONS: ReplyPolicyOptions = {
  replyToBots: false,
  repliesPerAccountPerHour: 20,
  menuCooldownMs: 24 * 60 * 60 * 1000,
  replyMaxDelayMs: 2 * 60 * 60 * 1000,
  replyVisibility: "unlisted",
};

/** The rolling window of `repliesPerAccountPerHour`. */
export const COOLDOWN_WINDOW_MS = 60 * 60 * 1000;

/** What the store knows about earlier replies to the mention's author. */
export interface ReplyHistory {
  /** Replies queued to this account in the last hour (`COOLDOWN_WINDOW_MS`). */
  readonly repliesLastHour: number;
  /** When the topic menu last went to this account, or null. */
  readonly lastMenuAt: Date | null;
}

/**
 * Why a mention gets nothing: `self` (the bot's own status), `bot` (a bot account),
 * `too-old` (older than REPLY_MAX_DELAY), `cooldown` (REPLIES_PER_ACCOUNT_PER_HOUR reached),
 * `menu-cooldown` (off-topic, and the menu went to this account recently), `unasked` (the post
 * asks the bot nothing: a remark, a boost, two others talking in a thread that carries its handle).
 */
export type IgnoreReason = "self" | "bot" | "too-old" | "cooldown" | "menu-cooldown" | "unasked";

export type ReplyDecision =
  | { readonly action: "ignore"; readonly reason: IgnoreReason }
  /** Thanks alone: favourite the status, say nothing. */
  | { readonly action: "favourite" }
  | {
      readonly action: "reply";
      /** `menu`: nothing recognised, the topic menu goes out (and is recorded for its cooldown). */
      readonly kind: "answer" | "menu";
      readonly visibility: Visibility;
      /** Thanks came with the question: favourite the status as well. */
      readonly favourite: boolean;
    };

export interface DecideReplyInput {
  readonly mention: Mention;
  readonly classification: Classification;
  readonly botAccountId: string;
  readonly options: ReplyPolicyOptions;
  readonly history: ReplyHistory;
  /** When the mention is handled. */
  readonly now: Date;
}

/**
 * What a classification asks for, before any cooldown: a favourite (thanks alone), nothing (the
 * post asks nothing: not even the topic menu, as an unsolicited reply is how a bot gets blocked),
 * an answer, or the topic menu (asked, but nothing found).
 */
export function replyFor(classification: Classification): "favourite" | "unasked" | "answer" | "menu" {
  const asks = classification.intents.some((intent) => intent !== "thanks");
  if (classification.intents.includes("thanks") && !asks) return "favourite";
  if (!classification.asked) return "unasked";
  return asks ? "answer" : "menu";
}

/**
 * The intents a reply answers, as the `classify` contract names them: the topic menu, sent where
 * nothing else was found, is the `help` answer (intents.md).
 */
export function answeredIntents(classification: Classification): readonly Intent[] {
  return replyFor(classification) === "menu" ? [...classification.intents, "help"] : classification.intents;
}

/** Decides whether and how the bot answers one mention. Pure: the first rule that applies wins. */
export function decideReply(input: DecideReplyInput): ReplyDecision {
  const { mention, classification, options, history, now } = input;
  if (mention.author.id === input.botAccountId) return ignore("self");
  // Two bots answering each other would loop until a rate limit stops them.
  if (mention.author.bot && !options.replyToBots) return ignore("bot");
  if (now.getTime() - mention.createdAt.getTime() > options.replyMaxDelayMs) return ignore("too-old");

  const wanted = replyFor(classification);
  // A favourite is no reply: it costs no status budget and pings nobody, so no cooldown applies.
  if (wanted === "favourite") return { action: "favourite" };
  if (wanted === "unasked") return ignore("unasked");
  if (history.repliesLastHour >= options.repliesPerAccountPerHour) return ignore("cooldown");

  const visibility = replyVisibility(mention.visibility, options.replyVisibility);
  const thanks = classification.intents.includes("thanks");
  if (wanted === "answer") return { action: "reply", kind: "answer", visibility, favourite: thanks };
  const lastMenu = history.lastMenuAt?.getTime();
  if (lastMenu !== undefined && now.getTime() - lastMenu < options.menuCooldownMs) {
    return ignore("menu-cooldown");
  }
  return { action: "reply", kind: "menu", visibility, favourite: false };
}

const WIDTH: Readonly<Record<Visibility, number>> = { direct: 0, private: 1, unlisted: 2, public: 3 };

/**
 * Never wider than the mention: a direct or followers-only mention gets a direct reply (a
 * followers-only reply would show the exchange to the bot's followers); a public mention gets the
 * configured visibility; an unlisted one stays unlisted even when `public` is configured.
 */
export function replyVisibility(mention: Visibility, configured: "public" | "unlisted"): Visibility {
  if (mention === "direct" || mention === "private") return "direct";
  return WIDTH[configured] <= WIDTH[mention] ? configured : mention;
}

function ignore(reason: IgnoreReason): ReplyDecision {
  return { action: "ignore", reason };
}
