import type { Intent } from "./intent.js";
import type { Language } from "./language.js";

export type Visibility = "public" | "unlisted" | "private" | "direct";

export interface MentionAuthor {
  readonly id: string;
  /**
   * `alice` for local accounts, `alice@remote.example` for remote ones; null when the server's
   * acct is not a handle (src/domain/handle.ts): the author is then answered without a mention.
   */
  readonly acct: string | null;
  readonly bot: boolean;
  /** Profile note as HTML, for #nobot checks. */
  readonly note: string;
}

/**
 * The post a mention replies to, as the bot could read it: its topic carries over to the reply
 * ("und bei Insta?" under an answer about the Facebook form).
 */
export interface MentionParent {
  /** Status HTML exactly as the server delivered it. */
  readonly content: string;
  readonly language: string | null;
  /** The bot itself wrote it. */
  readonly fromBot: boolean;
}

/** A status that mentions the bot, as the Mastodon adapter hands it to the core. */
export interface Mention {
  readonly notificationId: string;
  readonly statusId: string;
  readonly author: MentionAuthor;
  /** Status HTML exactly as the server delivered it. */
  readonly contentHtml: string;
  readonly spoilerText: string;
  /** The status's language code as the author's client set it; often null or wrong. */
  readonly language: string | null;
  readonly visibility: Visibility;
  readonly createdAt: Date;
  readonly inReplyToId: string | null;
  /** Whether the bot has favourited the status (the API's `favourited`, seen by the bot's token). */
  readonly favourited?: boolean;
  /** The post `inReplyToId` names; absent when there is none or it could not be read. */
  readonly parent?: MentionParent;
}

/** What the matcher found in a mention. */
export interface Classification {
  /**
   * Whether the post asks the bot anything (src/matcher/addressing.ts). One that does not (a
   * remark, a boost, two people talking in a thread) gets no text: a favourite for thanks at most.
   */
  readonly asked: boolean;
  readonly intents: readonly Intent[];
  /** Notes on the specific point asked (intents.yaml `notes`), each going with one of `intents`. */
  readonly notes: readonly string[];
  readonly language: Language;
}
