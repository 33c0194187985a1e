import { spawn } from "node:child_process";
import { ConfigError } from "../domain/errors.js";
import type { Language } from "../domain/language.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { LanguageFile } from "../knowledge/language-schema.js";
import type { StartupConfig } from "./read-startup-config.js";
import type { Settings } from "./settings.js";

// The bot reads its configuration in a short-lived child process. The YAML parser, the schema
// validator and their garbage then never enter the long-running process: about 6 MB of its idle
// memory (npm run bench). Only this module's types refer to them, so bundling keeps them lazy.
// The result travels over Node's IPC channel, never stdout: a stray OPTOUT_CONFIG_CHILD in the
// bot's own environment must not print the settings (the access token among them) to the logs.

/** Set in the child's environment: "read the configuration, send it to the parent, exit". */
export const CONFIG_CHILD_ENV = "OPTOUT_CONFIG_CHILD";

/** What the child sends: one message. */
type ChildReport =
  | {
      readonly ok: true;
      readonly settings: Settings;
      readonly knowledge: Omit<Knowledge, "languages"> & {
        readonly languages: readonly (readonly [Language, LanguageFile])[];
      };
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Whether this process was started as the config child: the marker AND a parent listening. */
export function isConfigChild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[CONFIG_CHILD_ENV] === "1" && typeof process.send === "function";
}

/** In the child: reads and validates the configuration, sends it to the parent, lets go of it. */
export async function sendStartupConfig(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const report = await readReport(env);
  process.send!(report, undefined, {}, () => process.disconnect());
}

async function readReport(env: NodeJS.ProcessEnv): Promise<ChildReport> {
  const { readStartupConfig } = await import("./read-startup-config.js");
  try {
    const { settings, knowledge } = readStartupConfig(env);
    return { ok: true, settings, knowledge: { ...knowledge, languages: [...knowledge.languages] } };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, problems: error.problems };
  }
}

export interface ChildCommand {
  /** Node and the arguments that start this same entry point (its flags and `--import tsx` included). */
  readonly execPath: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** The command that re-runs `entry` (the bot's entry module, as a path) as the config child. */
export function currentProcessCommand(entry: string): ChildCommand {
  return { execPath: process.execPath, args: [...childFlags(process.execArgv), entry], env: process.env };
}

/** Node's flags for the child: all of the bot's but the debugger's, whose port the bot holds. */
export function childFlags(execArgv: readonly string[]): string[] {
  const flags: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    if (/^--(inspect|debug)-port$/.test(flag))
      i++; // "--inspect-port 9230": its value goes too
    else if (!/^--(inspect|debug)(-brk|-wait|-port)?(=|$)/.test(flag)) flags.push(flag);
  }
  return flags;
}

/**
 * In the bot: runs the config child and returns what it read. Throws ConfigError with the child's
 * problems, or an Error with its exit code (or signal) and the end of its stderr.
 */
export async function readStartupConfigInChild(command: ChildCommand): Promise<StartupConfig> {
  const report = await new Promise<ChildReport>((resolve, reject) => {
    const child = spawn(command.execPath, [...command.args], {
      env: { ...command.env, [CONFIG_CHILD_ENV]: "1" },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    let received: ChildReport | undefined;
    child.on("message", (message) => {
      received = message as ChildReport;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, command.timeoutMs ?? 60_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`reading the configuration failed to start (${error.message})`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (received !== undefined && code === 0) return resolve(received);
      const how = timedOut
        ? "timed out"
        : signal
          ? `killed by ${signal}`
          : received === undefined
            ? `exit code ${code}, nothing sent`
            : `exit code ${code}`;
      reject(new Error(`reading the configuration failed (${how})${tail(stderr)}`));
    });
  });
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
