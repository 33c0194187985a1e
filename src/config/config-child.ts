import { execFile } from "node:child_process";
import { ConfigError } from "../domain/errors.js";
import type { Language } from "../domain/language.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { LanguageFile } from "../knowledge/language-schema.js";
import type { StartupConfig } from "./read-startup-config.js";
import type { Settings } from "./settings.js";

// The bot reads its configuration in a short-lived child process. The YAML parser, the schema
// validator and their garbage then never enter the long-running process: about 6 MB of its idle
// memory (npm run bench). Only this module's types refer to them, so bundling keeps them lazy.

/** Set in the child's environment: "read the configuration, print it, exit". */
export const CONFIG_CHILD_ENV = "OPTOUT_CONFIG_CHILD";

/** What the child prints: one JSON document. */
type ChildReport =
  | {
      readonly ok: true;
      readonly settings: Settings;
      readonly knowledge: Omit<Knowledge, "languages"> & {
        readonly languages: readonly (readonly [Language, LanguageFile])[];
      };
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** In the child: reads and validates the configuration and prints it as JSON on stdout. */
export async function printStartupConfig(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { readStartupConfig } = await import("./read-startup-config.js");
  let report: ChildReport;
  try {
    const { settings, knowledge } = readStartupConfig(env);
    report = { ok: true, settings, knowledge: { ...knowledge, languages: [...knowledge.languages] } };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    report = { ok: false, problems: error.problems };
  }
  return JSON.stringify(report);
}

export interface ChildCommand {
  /** Node and the arguments that start this same entry point (its flags and `--import tsx` included). */
  readonly execPath: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** The command that re-runs the current entry point as the config child. */
export function currentProcessCommand(): ChildCommand {
  const args = [...childFlags(process.execArgv), process.argv[1]!];
  return { execPath: process.execPath, args, env: process.env };
}

/** Node's flags for the child: all of the bot's but the debugger's, whose port the bot holds. */
export function childFlags(execArgv: readonly string[]): string[] {
  return execArgv.filter((flag) => !/^--(inspect|debug)(-brk|-wait|-port)?(=|$)/.test(flag));
}

/**
 * In the bot: runs the config child and returns what it read. Throws ConfigError with the child's
 * problems, or an Error with its output when it fails otherwise.
 */
export async function readStartupConfigInChild(command: ChildCommand): Promise<StartupConfig> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      command.execPath,
      [...command.args],
      {
        env: { ...command.env, [CONFIG_CHILD_ENV]: "1" },
        timeout: command.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, out, err) => {
        if (!error) return resolve(out);
        const how = error.killed
          ? "timed out"
          : error.signal
            ? `killed by ${error.signal}`
            : `exit code ${error.code}`;
        reject(new Error(`reading the configuration failed (${how})${tail(err)}`));
      },
    );
  });
  let report: ChildReport;
  try {
    report = JSON.parse(stdout) as ChildReport;
  } catch {
    // Broken JSON would hold the settings, the access token among them: show its size only.
    const shown = stdout.trimStart().startsWith("{")
      ? ` ${stdout.length} characters, not valid JSON`
      : tail(stdout);
    throw new Error(`reading the configuration printed no JSON:${shown}`);
  }
  if (!report.ok) throw new ConfigError(report.problems);
  return {
    settings: report.settings,
    knowledge: { ...report.knowledge, languages: new Map(report.knowledge.languages) },
  };
}

function tail(text: string): string {
  const trimmed = text.trim();
  return trimmed === "" ? "" : `\n${trimmed.slice(-2000)}`;
}
