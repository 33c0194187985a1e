import { parseArgs } from "node:util";
import type { MentionPlan } from "../bot/plan-mention.js";
import { planTypedMention } from "../bot/typed-mention.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import {
  answeredIntents,
  DEFAULT_REPLY_POLICY_OPTIONS,
  type ReplyPolicyOptions,
} from "../policy/reply-policy.js";
import { UsageError } from "./usage-error.js";

export const ASK_HELP = `Usage: npm run cli -- ask "question" [--lang CODE] [--now ISO-8601] [--as acct] [--limit N]
                           [--parent TEXT [--parent-from-bot]]

Prints the reply posts the bot would send to a mention with that text, one post per block,
after a line with the topics found, the language and the visibility of the reply.
A question that starts with "<" is read as status HTML, as the server delivers it.
  --lang   answer in this language (a config/lang/CODE.yaml) instead of the one detected;
           also the status's language tag
  --now    the moment of sending (default: now), e.g. 2025-05-20T10:00:00+02:00
  --as     the asker's account (default: you)
  --limit  the instance's character limit (default: 500)
  --parent the post the question replies to (plain text, or HTML when it starts with "<");
           its topic carries over, as in a thread ("und bei Insta?" under a post about Facebook)
  --parent-from-bot  that post is the bot's own (e.g. its earlier answer)`;

/** Returns the text to print for `ask`: the live bot's plan for a first mention by the asker. */
export function runAsk(
  args: string[],
  knowledge: Knowledge,
  matcher: CompiledMatcher,
  clock: () => Date,
  options: ReplyPolicyOptions = DEFAULT_REPLY_POLICY_OPTIONS,
): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      lang: { type: "string" },
      now: { type: "string" },
      as: { type: "string", default: "you" },
      limit: { type: "string", default: "500" },
      parent: { type: "string" },
      "parent-from-bot": { type: "boolean", default: false },
    },
  });
  const text = positionals.join(" ").trim();
  if (text === "") throw new UsageError('ask needs a question, e.g. ask "bis wann?"');
  if (values.lang !== undefined && !knowledge.languages.has(values.lang)) {
    throw new UsageError(
      `--lang "${values.lang}" has no language file; use one of ${[...knowledge.languages.keys()].join(", ")}`,
    );
  }
  const now = values.now === undefined ? clock() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now "${values.now}" is not an ISO 8601 time`);
  const parent = values.parent?.trim();
  if (parent === "") throw new UsageError("--parent needs the text of the post replied to");
  if (values["parent-from-bot"] && parent === undefined)
    throw new UsageError("--parent-from-bot needs --parent, the text of the bot's post");
  const maxCharacters = Number(values.limit);
  if (!Number.isInteger(maxCharacters) || maxCharacters < 100)
    throw new UsageError("--limit must be a whole number >= 100");

  const plan = planTypedMention({
    text,
    acct: values.as,
    languageHint: values.lang ?? null,
    ...(values.lang === undefined ? {} : { answerLanguage: values.lang }),
    // The parent's language field is unknown here, as for many servers: the matcher detects it.
    ...(parent === undefined
      ? {}
      : { parent: { text: parent, language: null, fromBot: values["parent-from-bot"] } }),
    matcher,
    knowledge,
    options,
    // A first question: no earlier reply to the asker, so no cooldown applies.
    history: { repliesLastHour: 0, lastMenuAt: null },
    limits: { maxCharacters },
    now,
  });
  return formatAskPlan(plan, values.lang);
}

/** The header line, then the posts; the favourite and an ignored mention are said in words. */
function formatAskPlan(plan: MentionPlan, answerLanguage: string | undefined): string {
  const { classification, decision } = plan;
  const language = plan.posts[0]?.language ?? answerLanguage ?? classification.language;
  const visibility = decision.action === "reply" ? ` · visibility: ${decision.visibility}` : "";
  const header = `intents: ${answeredIntents(classification).join(", ") || "(none)"} · language: ${language}${visibility}`;
  if (decision.action === "ignore") return `${header}\n(no reply: ${decision.reason})`;
  if (decision.action === "favourite") return `${header}\n(no text: the bot favourites the post)`;
  const favourite = plan.favourite ? ["(the bot also favourites the post)"] : [];
  return [header, ...plan.posts.map((post) => post.text), ...favourite].join("\n\n");
}
