import type { Visibility } from "../domain/mention.js";
import type { ReplyDecision } from "../policy/reply-policy.js";

/** What the rule looks at: the mention's visibility, what the matcher found, what the bot decided. */
export interface UnmatchedRuleInput {
  readonly visibility: Visibility;
  readonly intents: readonly string[];
  readonly decision: ReplyDecision;
}

/** Ignored for who wrote it, not for what it says: nothing to learn from these. */
const NOT_ABOUT_THE_TEXT = new Set(["self", "bot"]);
/** Only what its author showed the public is kept; followers-only and direct posts never are. */
const KEPT_VISIBILITIES = new Set<Visibility>(["public", "unlisted"]);

/**
 * Whether a mention is kept for the operator's review, and why: `menu` (the topic menu went
 * out), `silent:<reason>` (the bot chose to say nothing, for a reason other than who wrote it),
 * `nothing` (no intent found). Null: understood, or not the public's to keep.
 */
export function unmatchedReason(input: UnmatchedRuleInput): string | null {
  if (!KEPT_VISIBILITIES.has(input.visibility)) return null;
  const { decision } = input;
  if (decision.action === "reply" && decision.kind === "menu") return "menu";
  if (decision.action === "ignore") {
    return NOT_ABOUT_THE_TEXT.has(decision.reason) ? null : `silent:${decision.reason}`;
  }
  return input.intents.length === 0 ? "nothing" : null;
}
