import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { classify, type ParentPost } from "../matcher/classify.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import { answeredIntents, replyFor } from "../policy/reply-policy.js";

export const CLASSIFY_HELP = `Usage: npm run --silent cli -- classify < mentions.jsonl

Reads one JSON object per line: {"content": "<status HTML>", "language": "de" | null}, optionally
with "parent": {"content", "language", "from_bot": true | false}, the post it replies to.
Writes one JSON line per input line, in order: {"intents": [...], "language": "<code>"}, the code
of the language file to answer in (the post's language, or "en" when no file has it). Where the
bot would send its topic menu, the intents include "help", the menu's intent.
A line that is not a valid mention gets {"error": "..."} and the run goes on.

  --replies   also write "text_reply": whether the bot would write to the post at all (an
              answer, or its topic menu when it found nothing), before its cooldowns.`;

export interface ClassifyOptions {
  /** Add `text_reply` to each answer (the evaluation's count of unasked replies needs it). */
  readonly replies?: boolean;
}

/** Classifies one input line; never throws. */
export function classifyLine(matcher: CompiledMatcher, line: string, options: ClassifyOptions = {}): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return JSON.stringify({ error: `not valid JSON: ${(error as Error).message}` });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return JSON.stringify({ error: "expected a JSON object with a string field content" });
  }
  const { content, language } = parsed as Record<string, unknown>;
  if (typeof content !== "string") return JSON.stringify({ error: "content must be a string" });
  if (language !== undefined && language !== null && typeof language !== "string") {
    return JSON.stringify({ error: "language must be a string or null" });
  }
  const parent = parentOf((parsed as Record<string, unknown>).parent);
  if (typeof parent === "string") return JSON.stringify({ error: parent });
  const result = classify(matcher, { content, language: language ?? null, parent });
  const answer = { intents: answeredIntents(result), language: result.language };
  if (options.replies !== true) return JSON.stringify(answer);
  const wanted = replyFor(result);
  return JSON.stringify({ ...answer, text_reply: wanted === "answer" || wanted === "menu" });
}

/** The optional `parent` field, or a message saying what is wrong with it. */
function parentOf(value: unknown): ParentPost | undefined | string {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) return "parent must be an object";
  const { content, language, from_bot: fromBot } = value as Record<string, unknown>;
  if (typeof content !== "string") return "parent.content must be a string";
  if (language !== undefined && language !== null && typeof language !== "string") {
    return "parent.language must be a string or null";
  }
  if (fromBot !== undefined && typeof fromBot !== "boolean") return "parent.from_bot must be true or false";
  return { content, language: language ?? null, fromBot: fromBot ?? false };
}

/** Streams stdin to stdout, one result line per input line, batching writes. */
export async function runClassify(
  matcher: CompiledMatcher,
  input: Readable,
  output: Writable,
  options: ClassifyOptions = {},
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let batch: string[] = [];
  for await (const line of lines) {
    batch.push(classifyLine(matcher, line, options));
    if (batch.length >= 512) {
      output.write(`${batch.join("\n")}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) output.write(`${batch.join("\n")}\n`);
}
