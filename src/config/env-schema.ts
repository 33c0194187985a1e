import * as z from "zod";
import { parseBoolean, parseDuration, parseHttpUrl, parseInteger } from "./parse-values.js";

/** What `.env.example` says about a variable; the test keeps that file and this table in step. */
export interface VariableDoc {
  /** Default as written in `.env.example`; undefined when the variable has no fixed default. */
  readonly default: string | undefined;
  /** The accepted form, as the error message states it. */
  readonly expected: string;
  /** Never echo the value in error messages. */
  readonly secret?: boolean;
}

const DURATION = "a duration such as 90s, 15m, 2h, 1d, or a number of milliseconds";
const BOOLEAN = "true or false (also 1/0, yes/no)";
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const REPLY_VISIBILITIES = ["public", "unlisted"] as const;
export type ReplyVisibility = (typeof REPLY_VISIBILITIES)[number];

/** Every environment variable the bot reads, with its default and the form it must take. */
export const ENV_DOCS = {
  MASTODON_URL: { default: undefined, expected: "an http(s) URL such as https://mastodon.example" },
  MASTODON_ACCESS_TOKEN: { default: undefined, expected: "the application's access token", secret: true },
  DATA_DIR: { default: "./data", expected: "a folder path" },
  KEEP_UNMATCHED: { default: "14d", expected: `${DURATION}; 0 keeps nothing` },
  LOG_LEVEL: { default: "info", expected: `one of ${LOG_LEVELS.join(", ")}` },
  HTTP_HOST: { default: "0.0.0.0", expected: "an interface address such as 0.0.0.0 or 127.0.0.1" },
  HTTP_PORT: { default: "8080", expected: "a port number from 0 to 65535" },
  REPLY_VISIBILITY: { default: "unlisted", expected: `one of ${REPLY_VISIBILITIES.join(", ")}` },
  REPLY_MAX_DELAY: { default: "2h", expected: DURATION },
  REPLIES_PER_ACCOUNT_PER_HOUR: { default: "20", expected: "a whole number from 1 to 10000" },
  REPLIES_PER_HOUR: { default: "80", expected: "a whole number from 1 to 10000" },
  MENU_COOLDOWN: { default: "24h", expected: DURATION },
  REPLY_TO_BOTS: { default: "false", expected: BOOLEAN },
  REMINDER_GRACE: { default: "3h", expected: DURATION },
  GREET_FOLLOWERS: { default: "false", expected: BOOLEAN },
  POLL_INTERVAL: { default: "15s", expected: "a duration from 1s to 1d, such as 30s or 2m" },
  STREAM_RETRY_INTERVAL: { default: "5m", expected: "a duration from 1s to 1d, such as 5m" },
  CONFIG_DIR: { default: "./config", expected: "a folder path" },
  CAMPAIGN_FILE: { default: undefined, expected: "a file path (default $CONFIG_DIR/campaign.yaml)" },
  RULES_FILE: { default: undefined, expected: "a file path (default $CONFIG_DIR/intents.yaml)" },
  LANGUAGE_DIR: { default: undefined, expected: "a folder path (default $CONFIG_DIR/lang)" },
  MODEL_FILE: { default: undefined, expected: "a file path (default $CONFIG_DIR/intent-model.json)" },
  LEARNED_MODEL: { default: "true", expected: BOOLEAN },
} as const satisfies Record<string, VariableDoc>;

export type EnvName = keyof typeof ENV_DOCS;

/**
 * One variable: empty or unset takes the documented default (itself parsed, so a wrong default in
 * the table fails the tests), otherwise `parse` must accept the text or the variable is reported.
 */
function variable<T>(name: EnvName, parse: (text: string) => T | undefined) {
  const doc: VariableDoc = ENV_DOCS[name];
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => {
      const text = raw === undefined || raw.trim() === "" ? doc.default : raw;
      if (text === undefined) return undefined;
      const value = parse(text);
      if (value !== undefined) return value;
      const got = doc.secret ? "" : `, got ${JSON.stringify(raw)}`;
      ctx.addIssue({ code: "custom", message: `expected ${doc.expected}${got}` });
      return z.NEVER;
    });
}

/** Like `variable`, for one that always has a default: the output is never undefined. */
function withDefault<T>(name: EnvName, parse: (text: string) => T | undefined) {
  return variable(name, parse).transform((value) => value as T);
}

const text = (value: string): string | undefined => value.trim() || undefined;
const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): T | undefined =>
    allowed.find((a) => a === value.trim().toLowerCase());
const positiveDuration = (value: string): number | undefined => {
  const ms = parseDuration(value);
  return ms !== undefined && ms > 0 ? ms : undefined;
};

/** Under a second would exceed the paging limit (polling); over a day, Node's timers overflow. */
const secondToDay = (value: string): number | undefined => {
  const ms = parseDuration(value);
  return ms !== undefined && ms >= 1_000 && ms <= 86_400_000 ? ms : undefined;
};

export const envSchema = z.object({
  MASTODON_URL: variable("MASTODON_URL", parseHttpUrl),
  MASTODON_ACCESS_TOKEN: variable("MASTODON_ACCESS_TOKEN", text),
  DATA_DIR: withDefault("DATA_DIR", text),
  KEEP_UNMATCHED: withDefault("KEEP_UNMATCHED", parseDuration),
  LOG_LEVEL: withDefault("LOG_LEVEL", oneOf(LOG_LEVELS)),
  HTTP_HOST: withDefault("HTTP_HOST", text),
  HTTP_PORT: withDefault("HTTP_PORT", (v) => parseInteger(v, 0, 65_535)),
  REPLY_VISIBILITY: withDefault("REPLY_VISIBILITY", oneOf(REPLY_VISIBILITIES)),
  REPLY_MAX_DELAY: withDefault("REPLY_MAX_DELAY", positiveDuration),
  REPLIES_PER_ACCOUNT_PER_HOUR: withDefault("REPLIES_PER_ACCOUNT_PER_HOUR", (v) =>
    parseInteger(v, 1, 10_000),
  ),
  REPLIES_PER_HOUR: withDefault("REPLIES_PER_HOUR", (v) => parseInteger(v, 1, 10_000)),
  MENU_COOLDOWN: withDefault("MENU_COOLDOWN", parseDuration),
  REPLY_TO_BOTS: withDefault("REPLY_TO_BOTS", parseBoolean),
  REMINDER_GRACE: withDefault("REMINDER_GRACE", parseDuration),
  GREET_FOLLOWERS: withDefault("GREET_FOLLOWERS", parseBoolean),
  POLL_INTERVAL: withDefault("POLL_INTERVAL", (v) => secondToDay(v)),
  STREAM_RETRY_INTERVAL: withDefault("STREAM_RETRY_INTERVAL", (v) => secondToDay(v)),
  CONFIG_DIR: withDefault("CONFIG_DIR", text),
  CAMPAIGN_FILE: variable("CAMPAIGN_FILE", text),
  RULES_FILE: variable("RULES_FILE", text),
  LANGUAGE_DIR: variable("LANGUAGE_DIR", text),
  MODEL_FILE: variable("MODEL_FILE", text),
  LEARNED_MODEL: withDefault("LEARNED_MODEL", parseBoolean),
} satisfies Record<EnvName, z.ZodType>);

export type ParsedEnv = z.infer<typeof envSchema>;
