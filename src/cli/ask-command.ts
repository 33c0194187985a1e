import { parseArgs } from "node:util";
import { plainTextToHtml } from "../bot/local-mode.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { classify } from "../matcher/classify.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import { composeReply } from "../replies/compose-reply.js";
import { UsageError } from "./usage-error.js";

export const ASK_HELP = `Usage: npm run cli -- ask "question" [--lang de|en] [--now ISO-8601] [--as acct] [--limit N]

Prints the reply posts the bot would send to a mention with that text, one post per block.
  --lang   answer in this language instead of the one detected
  --now    the moment of sending (default: now), e.g. 2025-05-20T10:00:00+02:00
  --as     the asker's account (default: you)
  --limit  the instance's character limit (default: 500)`;

/** Returns the text to print for `ask`. */
export function runAsk(
  args: string[],
  knowledge: Knowledge,
  matcher: CompiledMatcher,
  clock: () => Date,
): string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      lang: { type: "string" },
      now: { type: "string" },
      as: { type: "string", default: "you" },
      limit: { type: "string", default: "500" },
    },
  });
  const text = positionals.join(" ").trim();
  if (text === "") throw new UsageError('ask needs a question, e.g. ask "bis wann?"');
  if (values.lang !== undefined && !knowledge.languages.has(values.lang)) {
    throw new UsageError(`--lang must be one of ${[...knowledge.languages.keys()].join(", ")}`);
  }
  const now = values.now === undefined ? clock() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now "${values.now}" is not an ISO 8601 time`);
  const maxCharacters = Number(values.limit);
  if (!Number.isInteger(maxCharacters) || maxCharacters < 100)
    throw new UsageError("--limit must be a whole number >= 100");

  const found = classify(matcher, { content: plainTextToHtml(text), language: values.lang ?? null });
  const reply = composeReply({
    intents: found.intents,
    language: values.lang ?? found.language,
    now,
    author: { acct: values.as },
    knowledge,
    limits: { maxCharacters },
  });
  const header = `intents: ${found.intents.join(", ") || "(none)"} · language: ${reply.language}`;
  if (reply.posts.length === 0) return `${header}\n(no text: the bot favourites the post)`;
  return [header, ...reply.posts].join("\n\n");
}
