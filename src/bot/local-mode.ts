import { createInterface } from "node:readline";
import type { Knowledge } from "../knowledge/knowledge.js";
import { classify } from "../matcher/classify.js";
import type { CompiledMatcher } from "../matcher/compile-matcher.js";
import { composeReply, type ReplyLimits } from "../replies/compose-reply.js";

/** Printed between the posts of one reply (a thread). */
export const POST_SEPARATOR = "~~~";
/** Printed between the replies to two lines of input. */
export const REPLY_SEPARATOR = "---";
/** Printed when the bot would favourite the mention (thanks). */
export const FAVOURITE_LINE = "(favourite)";

export interface LocalModeOptions {
  /** Standard input: one mention per line. */
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Standard output: the reply posts, exactly as they would be posted. */
  readonly output: NodeJS.WritableStream;
  readonly knowledge: Knowledge;
  readonly matcher: CompiledMatcher;
  readonly now: () => Date;
  readonly limits?: Partial<ReplyLimits>;
  /** The pretend author of every line. @default "local" */
  readonly acct?: string;
}

const PROMPT = "> ";
const INTRO = "Local mode: type a question as a mention of the bot; Ctrl-D ends.";

/**
 * Local mode (`npm start` without credentials): each line of input is a mention from a local
 * user; the reply posts are printed as they would be posted, posts of a thread separated by a
 * `~~~` line, replies by a `---` line. Blank lines are skipped. A prompt shows only on a terminal.
 * Resolves with the number of mentions answered when the input ends.
 */
export async function runLocalMode(options: LocalModeOptions): Promise<number> {
  const { input, output } = options;
  const interactive = input.isTTY === true;
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const prompt = () => {
    if (interactive) output.write(PROMPT);
  };
  if (interactive) output.write(`${INTRO}\n`);
  prompt();
  let count = 0;
  for await (const line of lines) {
    if (line.trim() === "") {
      prompt();
      continue;
    }
    if (count > 0 && !interactive) output.write(`${REPLY_SEPARATOR}\n`);
    output.write(`${localReply(line, options)}\n`);
    count++;
    prompt();
  }
  if (interactive) output.write("\n");
  return count;
}

/** The printed form of the bot's reply to one line of text. */
export function localReply(
  text: string,
  options: Pick<LocalModeOptions, "knowledge" | "matcher" | "now" | "limits" | "acct">,
): string {
  const classification = classify(options.matcher, { content: plainTextToHtml(text), language: null });
  const reply = composeReply({
    intents: classification.intents,
    language: classification.language,
    now: options.now(),
    author: { acct: options.acct ?? "local" },
    knowledge: options.knowledge,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  const blocks = reply.posts.join(`\n${POST_SEPARATOR}\n`);
  const favourite = classification.intents.includes("thanks");
  return [blocks, favourite ? FAVOURITE_LINE : ""].filter((part) => part !== "").join("\n");
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
