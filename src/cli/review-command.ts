import { parseArgs } from "node:util";
import { parseDuration } from "../config/parse-values.js";
import type { TextOutput } from "../reminders/console-reminder-sink.js";
import { readUnmatched } from "../store/read-unmatched.js";
import type { UnmatchedRecord } from "../store/state-store.js";
import { StoreError } from "../store/store-errors.js";

export const REVIEW_HELP = `Usage: npm run --silent cli -- review [--since DURATION] > review.jsonl

Prints the mentions the live bot did not understand (topic menu sent, nothing found, or left
unanswered), as kept for KEEP_UNMATCHED in DATA_DIR's database: one JSON line each, oldest first,
in the evaluation format with empty labels. Fill in "intents" (and check "answer_language") by
../shared/intents.md, then score the file with "npm run eval -- review.jsonl".

Each line: {"content": "<status HTML>", "language": ..., "intents": [], "answer_language": "<detected>",
"found": [<intents the bot found>], "reason": "menu" | "nothing" | "silent:<reason>",
"created_at": "<ISO time>"}. The scorer ignores found, reason and created_at.

Options:
  --since DURATION  only mentions written this recently, such as 7d or 12h (default: all kept)
  --help            this text`;

const EX_USAGE = 64;

export interface ReviewCommandOptions {
  /** DATA_DIR: the bot's database is read from here, read-only. */
  readonly dataDir: string;
  readonly now: Date;
  readonly output: TextOutput;
  readonly errors: TextOutput;
}

/** Runs `review`; returns the exit code (64 for bad arguments, 1 when the database cannot be read). */
export function runReview(args: readonly string[], options: ReviewCommandOptions): number {
  const { output, errors } = options;
  let values: { since?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      options: { since: { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    return usage(errors, (error as Error).message);
  }
  if (values.help) {
    output.write(`${REVIEW_HELP}\n`);
    return 0;
  }
  let since = new Date(0);
  if (values.since !== undefined) {
    const ms = parseDuration(values.since);
    if (ms === undefined)
      return usage(errors, `--since: expected a duration such as 7d or 12h, got "${values.since}"`);
    since = new Date(options.now.getTime() - ms);
  }
  let rows: UnmatchedRecord[];
  try {
    rows = readUnmatched(options.dataDir, since);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    errors.write(`${error.message}\n`);
    return 1;
  }
  if (rows.length > 0) output.write(`${rows.map(reviewLine).join("\n")}\n`);
  return 0;
}

/** One kept mention as a line of the evaluation format, labels empty, what the bot did beside them. */
export function reviewLine(row: UnmatchedRecord): string {
  return JSON.stringify({
    content: row.content,
    language: row.language,
    intents: [],
    answer_language: row.detectedLanguage,
    found: row.found,
    reason: row.reason,
    created_at: row.createdAt.toISOString(),
  });
}

function usage(errors: TextOutput, message: string): number {
  errors.write(`${message}\n\n${REVIEW_HELP}\n`);
  return EX_USAGE;
}
