import type { Mention, MentionParent } from "../domain/mention.js";
import { type MentionPlan, type PlanMentionInput, planMention } from "./plan-mention.js";

/** The bot's account id for typed mentions (local mode, `ask`): no typed line is its own. */
export const TYPED_BOT_ACCOUNT_ID = "typed-bot";

export interface PlanTypedMentionInput extends Omit<PlanMentionInput, "mention" | "botAccountId"> {
  /** The line as typed: status HTML when it starts with `<`, else plain text. */
  readonly text: string;
  /** The pretend author, e.g. `local`; the reply mentions this account. */
  readonly acct: string;
  /** The status's language field, as a client would set it; null: none. */
  readonly languageHint: string | null;
  /** The post the line replies to (`ask --parent`); none: a fresh post. */
  readonly parent?: TypedParent;
}

/** A typed parent post: read like the line itself (`<` starts HTML, else plain text). */
export interface TypedParent {
  readonly text: string;
  readonly language: string | null;
  /** The bot wrote it (`ask --parent-from-bot`). */
  readonly fromBot: boolean;
}

/**
 * Plans the reply to a typed line exactly as the live bot plans one to a mention: the same
 * planner, reply policy and history rules; the line is a fresh public status by `acct`.
 */
export function planTypedMention(input: PlanTypedMentionInput): MentionPlan {
  const { text, acct, languageHint, parent, ...rest } = input;
  const mention = typedMention(text, acct, languageHint, input.now);
  return planMention({
    ...rest,
    mention:
      parent === undefined
        ? mention
        : { ...mention, inReplyToId: "typed-parent", parent: typedParent(parent) },
    botAccountId: TYPED_BOT_ACCOUNT_ID,
  });
}

/** A typed line as the Mastodon adapter would hand it over (src/mastodon/to-inbound.ts). */
export function typedMention(
  text: string,
  acct: string,
  language: string | null,
  now: Date,
  id = "typed",
): Mention {
  return {
    notificationId: id,
    statusId: id,
    author: { id: `typed:${acct}`, acct, bot: false, note: "" },
    contentHtml: typedTextToHtml(text),
    spoilerText: "",
    language,
    visibility: "public",
    createdAt: now,
    inReplyToId: null,
  };
}

function typedParent(parent: TypedParent): MentionParent {
  return { content: typedTextToHtml(parent.text), language: parent.language, fromBot: parent.fromBot };
}

/**
 * A line that starts with `<` is status HTML, pasted as the server delivered it (so an h-card
 * mention of the bot is read as a mention, not as the words "opt out"); any other line is plain
 * text, as a person types it.
 */
export function typedTextToHtml(text: string): string {
  return text.trimStart().startsWith("<") ? text : plainTextToHtml(text);
}

/** Plain text as Mastodon would deliver it: one paragraph, entities escaped. */
export function plainTextToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
  return `<p>${escaped}</p>`;
}
