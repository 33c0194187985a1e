import { ConfigError } from "../domain/errors.js";
import { defaultKnowledgePaths, type KnowledgePaths } from "../knowledge/load-knowledge.js";
import { envSchema, type ParsedEnv } from "./env-schema.js";
import type { Settings } from "./settings.js";
import { unknownVariableProblems } from "./unknown-variables.js";

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads every setting from `env` (usually `process.env`, merged with `.env`) and validates it in one
 * pass. Throws one ConfigError listing every problem, each naming the variable and the form expected
 * (or, for an unknown `MASTODON_*` name, the expected names).
 */
export function readSettings(env: Environment): Settings {
  const result = envSchema.safeParse(pickKnown(env));
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  problems.push(...mastodonPairProblems(env), ...unknownVariableProblems(env, Object.keys(envSchema.shape)));
  if (!result.success || problems.length > 0) {
    throw new ConfigError(problems, { cause: result.success ? undefined : result.error });
  }
  return toSettings(result.data);
}

/** Only the variables the schema knows, so the rest of the environment never reaches an error message. */
function pickKnown(env: Environment): Record<string, string | undefined> {
  const known: Record<string, string | undefined> = {};
  for (const name of Object.keys(envSchema.shape)) known[name] = env[name];
  return known;
}

function mastodonPairProblems(env: Environment): string[] {
  const hasUrl = Boolean(env.MASTODON_URL?.trim());
  const hasToken = Boolean(env.MASTODON_ACCESS_TOKEN?.trim());
  if (hasUrl && !hasToken) {
    return ["MASTODON_ACCESS_TOKEN: expected a token when MASTODON_URL is set (unset both for local mode)"];
  }
  if (hasToken && !hasUrl) {
    return [
      "MASTODON_URL: expected the server's URL when MASTODON_ACCESS_TOKEN is set (unset both for local mode)",
    ];
  }
  return [];
}

/** The variables that name the knowledge files. */
type KnowledgeVariables = Readonly<
  Partial<Record<"CONFIG_DIR" | "CAMPAIGN_FILE" | "RULES_FILE" | "LANGUAGE_DIR" | "MODEL_FILE", string>>
>;

/**
 * The knowledge files an environment names: CAMPAIGN_FILE, RULES_FILE, LANGUAGE_DIR and MODEL_FILE, each
 * defaulting to its place under CONFIG_DIR (itself `defaultConfigDir` when unset). An empty
 * variable means its default. The bot, `check` and the other commands all read them this way.
 */
export function knowledgePathsFromEnv(
  env: KnowledgeVariables,
  defaultConfigDir = "./config",
): KnowledgePaths {
  const defaults = defaultKnowledgePaths(env.CONFIG_DIR?.trim() || defaultConfigDir);
  return {
    campaignFile: env.CAMPAIGN_FILE?.trim() || defaults.campaignFile,
    rulesFile: env.RULES_FILE?.trim() || defaults.rulesFile,
    languageDir: env.LANGUAGE_DIR?.trim() || defaults.languageDir,
    modelFile: env.MODEL_FILE?.trim() || defaults.modelFile,
  };
}

function toSettings(env: ParsedEnv): Settings {
  const mastodon =
    env.MASTODON_URL !== undefined && env.MASTODON_ACCESS_TOKEN !== undefined
      ? { url: env.MASTODON_URL, accessToken: env.MASTODON_ACCESS_TOKEN }
      : undefined;
  return Object.freeze({
    mastodon: mastodon && Object.freeze(mastodon),
    dataDir: env.DATA_DIR,
    keepUnmatchedMs: env.KEEP_UNMATCHED,
    logLevel: env.LOG_LEVEL,
    httpHost: env.HTTP_HOST,
    httpPort: env.HTTP_PORT,
    replyVisibility: env.REPLY_VISIBILITY,
    replyMaxDelayMs: env.REPLY_MAX_DELAY,
    repliesPerAccountPerHour: env.REPLIES_PER_ACCOUNT_PER_HOUR,
    repliesPerHour: env.REPLIES_PER_HOUR,
    menuCooldownMs: env.MENU_COOLDOWN,
    replyToBots: env.REPLY_TO_BOTS,
    reminderGraceMs: env.REMINDER_GRACE,
    greetFollowers: env.GREET_FOLLOWERS,
    pollIntervalMs: env.POLL_INTERVAL,
    streamRetryIntervalMs: env.STREAM_RETRY_INTERVAL,
    configDir: env.CONFIG_DIR,
    learnedModel: env.LEARNED_MODEL,
    knowledge: Object.freeze(knowledgePathsFromEnv(env)),
  });
}
