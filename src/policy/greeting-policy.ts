import { Parser } from "htmlparser2";
import { parseHandle } from "../domain/handle.js";
import { DEFAULT_LANGUAGE, type Language } from "../domain/language.js";
import type { MentionAuthor } from "../domain/mention.js";
import { type Knowledge, primaryCampaign } from "../knowledge/knowledge.js";
import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from "../replies/compose-reply.js";
import { splitIntoPosts } from "../replies/split-posts.js";

export interface GreetingOptions {
  /** `GREET_FOLLOWERS`: send new followers one direct greeting. @default false */
  readonly greetFollowers: boolean;
  /** A follow says nothing about the follower's language. @default the campaign's first language */
  readonly language?: Language;
}

/**
 * Why a follower is not greeted: `disabled` (GREET_FOLLOWERS off), `self`, `bot` (a bot account),
 * `nobot` (the profile note asks bots to stay away), `no-text` (no language file has a greeting),
 * `no-handle` (the acct is not a handle: a direct greeting that mentions nobody reaches nobody).
 * "Already greeted" is the store's to say (`markGreeted`).
 */
export type GreetingSkipReason = "disabled" | "self" | "bot" | "nobot" | "no-text" | "no-handle";

export type GreetingDecision =
  | { readonly action: "skip"; readonly reason: GreetingSkipReason }
  | {
      readonly action: "greet";
      readonly language: Language;
      /** A greeting is unsolicited: it goes to the follower alone. */
      readonly visibility: "direct";
      /** `@acct ` + the language file's `greeting`, split to the instance's limit (one post normally). */
      readonly posts: readonly string[];
    };

export interface DecideGreetingInput {
  /** The new follower. */
  readonly account: MentionAuthor;
  readonly botAccountId: string;
  readonly knowledge: Knowledge;
  readonly options: GreetingOptions;
  readonly limits?: Partial<ReplyLimits>;
}

/** Decides whether a new follower gets a greeting, and writes it. Pure. */
export function decideGreeting(input: DecideGreetingInput): GreetingDecision {
  const { account, options } = input;
  if (!options.greetFollowers) return skip("disabled");
  if (account.id === input.botAccountId) return skip("self");
  if (account.bot) return skip("bot");
  if (asksBotsToStayAway(account.note)) return skip("nobot");
  const acct = account.acct === null ? null : parseHandle(account.acct);
  if (acct === null) return skip("no-handle");
  const found = greetingText(input.knowledge, options.language);
  if (found === undefined) return skip("no-text");
  const limits = { ...DEFAULT_REPLY_LIMITS, ...input.limits };
  const posts = splitIntoPosts(found.text, {
    acct,
    maxCharacters: limits.maxCharacters,
    charactersReservedPerUrl: limits.charactersReservedPerUrl,
    language: found.language,
  });
  return { action: "greet", language: found.language, visibility: "direct", posts };
}

/** `#nobot` or `#noautomation` as a whole tag, any case (the informal opt-out of the Fediverse). */
const OPT_OUT_TAG = /(?<![\p{L}\p{N}_])#(?:nobot|noautomation)(?![\p{L}\p{N}_])/iu;

/** Whether a profile note (HTML, hashtags often as links) carries an opt-out tag. */
export function asksBotsToStayAway(noteHtml: string): boolean {
  return OPT_OUT_TAG.test(noteText(noteHtml).normalize("NFKC"));
}

/** `#<span>nobot</span>` must stay one word; line and paragraph breaks separate words. */
const INLINE = new Set(["a", "span", "b", "strong", "i", "em", "u", "s", "del", "code"]);

/** Every text node of the note, links included: a hashtag is a link whose text is the tag. */
function noteText(html: string): string {
  const parts: string[] = [];
  const parser = new Parser(
    {
      ontext: (text) => parts.push(text),
      onopentag: (name) => {
        if (!INLINE.has(name)) parts.push(" ");
      },
      onclosetag: (name) => {
        if (!INLINE.has(name)) parts.push(" ");
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join("");
}

/** The greeting speaks the campaign's languages (campaign.yaml `languages`), first the first. */
function greetingText(knowledge: Knowledge, language: Language | undefined) {
  const campaignLanguages = primaryCampaign(knowledge).reminders.languages;
  for (const code of [
    ...(language === undefined ? [] : [language]),
    ...campaignLanguages,
    DEFAULT_LANGUAGE,
  ]) {
    const text = knowledge.languages.get(code)?.greeting;
    if (text !== undefined) return { language: code, text };
  }
  return undefined;
}

function skip(reason: GreetingSkipReason): GreetingDecision {
  return { action: "skip", reason };
}
