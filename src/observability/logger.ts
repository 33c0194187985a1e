import { createRequire } from "node:module";
import { type DestinationStream, pino } from "pino";
import { scrubSecrets } from "./scrub-secrets.js";

/** One log method: structured fields first (pino's order), then the message (printf-style args allowed). */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string, ...args: unknown[]): void;
}

/**
 * What the bot's modules log with: the levels and `child`, nothing else of pino's wide type, so a
 * module depends on this file alone and a test can pass any recording logger.
 */
export interface Logger {
  readonly fatal: LogFn;
  readonly error: LogFn;
  readonly warn: LogFn;
  readonly info: LogFn;
  readonly debug: LogFn;
  readonly trace: LogFn;
  child(bindings: Record<string, unknown>): Logger;
  /** Writes buffered lines out (pino's logger has it; a test logger need not). */
  flush?(): void;
}

/** Anything lines can be written to: stdout by default, an array in tests. */
export interface LineSink {
  write(line: string): unknown;
}

export interface CreateLoggerOptions {
  /** A pino level: fatal, error, warn, info, debug, trace or silent. */
  readonly level: string;
  /** Human-readable lines; default: only when stdout is a terminal and pino-pretty is installed. */
  readonly pretty?: boolean;
  /** Exact values (the access token) removed from every line, wherever they appear. */
  readonly secrets?: readonly (string | undefined)[];
  /** Where lines go; default: stdout. */
  readonly destination?: LineSink;
}

/** Keys whose values never reach a log line, at the top level or one object down. */
const SECRET_KEYS = ["accessToken", "access_token", "token", "password", "authorization", "Authorization"];
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  "MASTODON_ACCESS_TOKEN",
  "*.MASTODON_ACCESS_TOKEN",
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.*.accessToken",
];

/**
 * JSON, one event per line, for a log collector; pretty lines in a terminal. Redaction works twice:
 * by key (pino `redact`), then on the finished line, which also catches a token inside a message,
 * an error text or a URL (`Bearer ...`, `access_token=...`, and the exact `secrets`).
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const sink = options.destination ?? pino.destination({ fd: 1, sync: true });
  const prettify = (options.pretty ?? process.stdout.isTTY === true) ? loadPrettifier() : undefined;
  const secrets = (options.secrets ?? []).filter((s): s is string => s !== undefined && s.length >= 4);
  const stream: DestinationStream = {
    write(line: string) {
      const clean = scrubSecrets(line, secrets);
      sink.write(prettify ? prettify(clean) : clean);
    },
  };
  return pino(
    {
      level: options.level,
      redact: { paths: [...REDACTED_PATHS], censor: "[Redacted]" },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}

type Prettify = (line: string) => string;

/** pino-pretty is a dev dependency: the production image has none and logs JSON, as a collector wants. */
function loadPrettifier(): Prettify | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as typeof import("pino-pretty");
    return pretty.prettyFactory({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}
