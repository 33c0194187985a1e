import { createInterface } from "node:readline";
import { LocalSession, type LocalSessionOptions } from "./local-session.js";

/** Printed between the replies to two lines of input. */
export const REPLY_SEPARATOR = "---";

export interface LocalModeOptions extends LocalSessionOptions {
  /** Standard input: one mention per line. */
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Standard output: the reply posts, exactly as they would be posted. */
  readonly output: NodeJS.WritableStream;
}

const PROMPT = "> ";
const INTRO = "Local mode: type a question as a mention of the bot; Ctrl-D ends.";

/**
 * Local mode (`npm start` without credentials): each line of input is a mention from a local
 * user, answered as the live bot would (see LocalSession); the reply posts are printed as they
 * would be posted, replies separated by a `---` line. Blank lines are skipped. A prompt shows
 * only on a terminal. Resolves with the number of mentions answered when the input ends.
 */
export async function runLocalMode(options: LocalModeOptions): Promise<number> {
  const { input, output } = options;
  const session = new LocalSession(options);
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
    output.write(`${session.reply(line)}\n`);
    count++;
    prompt();
  }
  if (interactive) output.write("\n");
  return count;
}
