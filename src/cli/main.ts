#!/usr/bin/env node
import { parseArgs } from "node:util";
import { readSettings } from "../config/env.js";
import { loadEnvironment } from "../config/env-file.js";
import { ConfigError, EX_CONFIG } from "../domain/errors.js";
import { createLogger } from "../observability/logger.js";
import { ASK_HELP, runAsk } from "./ask-command.js";
import { CHECK_HELP, runCheck } from "./check-command.js";
import { CLASSIFY_HELP, runClassify } from "./classify-command.js";
import { loadCliConfig } from "./load-config.js";
import { REMINDERS_HELP, runRemindersCommand } from "./reminders-command.js";
import { REVIEW_HELP, runReview } from "./review-command.js";
import { runSetupProfile, SETUP_PROFILE_HELP } from "./setup-profile-command.js";
import { UsageError } from "./usage-error.js";

const HELP = `optout-bot command line

Usage: npm run cli -- <command> [options]

Commands:
  classify    classify mentions read as JSON Lines on standard input (the evaluation contract)
  ask         print the reply posts the bot would send to one question
  reminders   print the reminder plan, one line per post (nothing is sent)
  review      print the mentions the bot did not understand, as JSON Lines ready to label
  check       validate settings and knowledge, connect, verify the token, and say what the bot will do
  setup-profile  set the bot flag, bio, profile fields and notification policy (idempotent)

Run "npm run cli -- <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const wantsHelp = rest.includes("--help") || rest.includes("-h");
  switch (command) {
    case "classify": {
      if (wantsHelp) return printHelp(CLASSIFY_HELP);
      const { values } = parseArgs({ args: rest, options: { replies: { type: "boolean" } }, strict: true });
      const { matcher } = loadCliConfig(loadEnvironment(process.env));
      await runClassify(matcher, process.stdin, process.stdout, { replies: values.replies === true });
      return 0;
    }
    case "ask": {
      if (wantsHelp) return printHelp(ASK_HELP);
      const { settings, knowledge, matcher } = loadCliConfig(loadEnvironment(process.env));
      // The reply rules of the bot's settings (.env and the environment), as the live bot applies them.
      process.stdout.write(`${runAsk(rest, knowledge, matcher, () => new Date(), settings)}\n`);
      return 0;
    }
    case "reminders": {
      if (wantsHelp) return printHelp(REMINDERS_HELP);
      const { knowledge } = loadCliConfig(loadEnvironment(process.env));
      return runRemindersCommand(rest, knowledge, process.stdout);
    }
    case "review": {
      if (wantsHelp) return printHelp(REVIEW_HELP);
      // DATA_DIR alone is needed: the knowledge is not loaded, so a broken config/ does not hide the review.
      const { dataDir } = readSettings(loadEnvironment(process.env));
      return runReview(rest, { dataDir, now: new Date(), output: process.stdout, errors: process.stderr });
    }
    case "check": {
      if (wantsHelp) return printHelp(CHECK_HELP);
      const env = loadEnvironment(process.env);
      return runCheck(rest, {
        env,
        now: new Date(),
        logger: createLogger({
          level: "error",
          destination: process.stderr,
          secrets: [env.MASTODON_ACCESS_TOKEN],
        }),
        write: (line) => process.stdout.write(`${line}\n`),
      });
    }
    case "setup-profile": {
      if (wantsHelp) return printHelp(SETUP_PROFILE_HELP);
      return runSetupProfile(rest, {
        env: loadEnvironment(process.env),
        write: (line) => process.stdout.write(`${line}\n`),
      });
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      return printHelp(HELP);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${HELP}\n`);
      return 64; // EX_USAGE
  }
}

function printHelp(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EX_CONFIG;
    } else if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 64;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError && Boolean((error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS"))
  );
}
