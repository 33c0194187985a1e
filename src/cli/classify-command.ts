import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { classify } from "../matcher/classify.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";

export const CLASSIFY_HELP = `Usage: npm run --silent cli -- classify < mentions.jsonl

Reads one JSON object per line: {"content": "<status HTML>", "language": "de" | null}.
Writes one JSON line per input line, in order: {"intents": [...], "language": "de" | "en"}.
A line that is not a valid mention gets {"error": "..."} and the run goes on.`;

/** Classifies one input line; never throws. */
export function classifyLine(matcher: CompiledMatcher, line: string): string {
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
  const result = classify(matcher, { content, language: language ?? null });
  return JSON.stringify({ intents: result.intents, language: result.language });
}

/** Streams stdin to stdout, one result line per input line, batching writes. */
export async function runClassify(
  matcher: CompiledMatcher,
  input: Readable,
  output: Writable,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let batch: string[] = [];
  for await (const line of lines) {
    batch.push(classifyLine(matcher, line));
    if (batch.length >= 512) {
      output.write(`${batch.join("\n")}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) output.write(`${batch.join("\n")}\n`);
}
