import { parseArgs } from "node:util";
import type { Environment } from "../config/env.js";
import { loadStartupConfig, type StartupConfig } from "../config/load-startup-config.js";
import type { MastodonSettings, Settings } from "../config/settings.js";
import { ConfigError, EX_CONFIG } from "../domain/errors.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { createRestClient } from "../mastodon/create-rest-client.js";
import { fetchInstanceInfo, type InstanceInfo } from "../mastodon/instance-info.js";
import type { Logger } from "../observability/logger.js";
import {
  type AccountApi,
  AccountApiError,
  type BotAccount,
  createAccountApi,
} from "../profile/account-api.js";
import { describeBehaviour, describeReminderPlan, type Receiving } from "../profile/behaviour-summary.js";
import { CheckReport } from "../profile/check-report.js";
import { buildDesiredProfile } from "../profile/desired-profile.js";
import { describePolicy, needsPrivateMentions, policyWarnings } from "../profile/notification-policy.js";
import { isEmptyUpdate, ProfileFieldsError, planProfileUpdate } from "../profile/profile-update.js";
import { checkTextFit } from "../profile/text-fit.js";
import { missingScopes, NEEDED_SCOPES } from "../profile/token-scopes.js";
import { DEFAULT_REPLY_LIMITS, type ReplyLimits } from "../replies/compose-reply.js";
import { UsageError } from "./usage-error.js";

export const CHECK_HELP = `Usage: npm run cli -- check [--now ISO-8601]

Checks the settings (environment and .env) and the knowledge files. With MASTODON_URL and
MASTODON_ACCESS_TOKEN set it also connects, without posting anything: verifies the token and its
scopes, reads the server's limits and notification policy, checks that every answer and reminder
fits one post, and prints what the bot will do.
  --now   the moment to plan reminders from (default: now)
Marks: ✓ fine, ✗ must be fixed, ! worth a look.
Exit status: 0 nothing to fix, 1 something marked ✗, 78 invalid configuration.`;

export interface CheckOptions {
  /** The process environment merged with .env (`loadEnvironment(process.env)`). */
  readonly env: Environment;
  readonly now: Date;
  /** Receives what the adapters log (instance fallbacks); the report itself goes to `write`. */
  readonly logger: Logger;
  /** One line of the report, without the line break. */
  readonly write: (line: string) => void;
  /** Per request; @default 15000 */
  readonly timeoutMs?: number;
}

/** `check`: reports on configuration, token, server and texts; returns the exit status. */
export async function runCheck(args: readonly string[], deps: CheckOptions): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { now: { type: "string" } } });
  const now = values.now === undefined ? deps.now : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now "${values.now}" is not an ISO 8601 time`);
  const report = new CheckReport(deps.write);

  report.section("Configuration");
  const config = checkConfiguration(deps.env, report);
  if (!config) {
    deps.write("");
    deps.write("The configuration is invalid: fix the lines marked ✗ and run check again.");
    return EX_CONFIG;
  }
  const { settings, knowledge } = config;
  let limits: ReplyLimits = DEFAULT_REPLY_LIMITS;
  let receiving: Receiving;
  let starts = true;
  if (settings.mastodon) {
    report.section(`Mastodon (${settings.mastodon.url})`);
    const server = await checkServer({ ...settings, mastodon: settings.mastodon }, knowledge, deps, report);
    limits = server.instance;
    receiving = { streamingUrl: server.instance.streamingUrl };
    starts = server.tokenAccepted;
  } else {
    report.ok(
      "local mode: MASTODON_URL and MASTODON_ACCESS_TOKEN are not set, so there is nothing to connect to",
    );
  }

  report.section(
    `Texts (${limits.maxCharacters} characters per post, a link counts ${limits.charactersReservedPerUrl})`,
  );
  const textsOk = checkTexts(knowledge, settings, limits, report);

  report.section("What the bot will do");
  if (!starts) {
    // Describing replies and reminders would mislead: the bot exits at start-up without an account.
    report.info("nothing: it stops at start-up until the server accepts MASTODON_ACCESS_TOKEN (see ✗ above)");
  } else {
    for (const line of describeBehaviour(settings, receiving)) report.info(line);
    if (textsOk) for (const line of describeReminderPlan(knowledge, now, limits)) report.info(line);
  }

  deps.write("");
  deps.write("Nothing was posted.");
  if (report.failed > 0) deps.write(`✗ ${report.failed} problem(s) to fix, ${report.warned} warning(s).`);
  else deps.write(`✓ Ready${report.warned > 0 ? `, with ${report.warned} warning(s) to read` : ""}.`);
  return report.failed > 0 ? 1 : 0;
}

/**
 * Settings, knowledge files and keywords, read as the bot reads them at start (loadStartupConfig),
 * so that check refuses exactly what the bot refuses, with the same lines. undefined when refused.
 */
function checkConfiguration(env: Environment, report: CheckReport): StartupConfig | undefined {
  let config: StartupConfig;
  try {
    config = loadStartupConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) report.fail(problem);
    return undefined;
  }
  const { settings, knowledge } = config;
  report.ok("settings: every variable is valid (environment and .env)");
  const languages = [...knowledge.languages.keys()].join(", ");
  const campaigns = knowledge.campaigns.map((c) => c.id).join(", ");
  report.ok(`knowledge: languages ${languages}; campaigns ${campaigns} (from ${settings.configDir})`);
  return config;
}

async function checkServer(
  settings: Settings & { mastodon: MastodonSettings },
  knowledge: Knowledge,
  deps: CheckOptions,
  report: CheckReport,
): Promise<{ instance: InstanceInfo; tokenAccepted: boolean }> {
  const { mastodon } = settings;
  const rest = createRestClient({ ...mastodon, timeoutMs: deps.timeoutMs ?? 15_000 });
  const api = createAccountApi(rest);
  const me = await checkToken(api, mastodon, report);
  if (me) {
    await checkScopes(api, report);
    await checkPolicy(api, report);
    await checkProfile(api, me, { knowledge, languageDir: settings.knowledge.languageDir }, report);
  }
  const instance = await fetchInstanceInfo(rest, deps.logger);
  reportInstance(instance, report);
  return { instance, tokenAccepted: me !== undefined };
}

async function checkToken(
  api: AccountApi,
  mastodon: MastodonSettings,
  report: CheckReport,
): Promise<BotAccount | undefined> {
  try {
    const me = await api.verifyCredentials();
    report.ok(`token: acts as @${me.acct} (account id ${me.id})`);
    if (me.bot) report.ok("bot flag: set");
    else report.warn("bot flag: not set, so the account looks like a person; run setup-profile");
    return me;
  } catch (error) {
    if (!(error instanceof AccountApiError)) throw error;
    if (error.status === 401) {
      report.fail(
        `MASTODON_ACCESS_TOKEN: the server refused the token (${error.message}); create a new one under Preferences → Development`,
      );
    } else if (error.status === 403) {
      report.fail(`token: ${error.message}; it needs the scope read:accounts`);
    } else {
      report.fail(
        `MASTODON_URL: ${error.message}; is ${mastodon.url} the right address, and is the server up?`,
      );
    }
    return undefined;
  }
}

async function checkScopes(api: AccountApi, report: CheckReport): Promise<void> {
  let granted: readonly string[] | null;
  try {
    granted = await api.appScopes();
  } catch (error) {
    if (!(error instanceof AccountApiError)) throw error;
    granted = null;
    report.warn(`scopes: ${error.message}`);
  }
  const needed = NEEDED_SCOPES.map((s) => s.scope).join(" ");
  if (granted === null) {
    report.warn(
      `scopes: the server does not say which scopes the token has (before Mastodon 4.3); it needs ${needed}`,
    );
    return;
  }
  const missing = missingScopes(granted);
  if (missing.length === 0) {
    report.ok(`scopes: "${granted.join(" ")}" covers everything the bot needs`);
    return;
  }
  for (const { scope, purpose } of missing) report.fail(`scope missing: ${scope}, to ${purpose}`);
  report.info(`the token has "${granted.join(" ")}"; create one with: ${needed}`);
}

async function checkPolicy(api: AccountApi, report: CheckReport): Promise<void> {
  try {
    const policy = await api.notificationPolicy();
    if (policy === null) {
      report.ok(
        "notification policy: the server has no policy API (before Mastodon 4.3), so it holds nothing back",
      );
      return;
    }
    const warnings = policyWarnings(policy);
    if (warnings.length === 0) report.ok(`notification policy: ${describePolicy(policy)}`);
    else report.info(`notification policy: ${describePolicy(policy)}`);
    for (const warning of warnings) report.warn(`notification policy: ${warning}`);
    if (needsPrivateMentions(policy)) report.info("setup-profile sets for_private_mentions=accept");
  } catch (error) {
    if (!(error instanceof AccountApiError)) throw error;
    const hint = error.status === 403 ? "; the token needs read:notifications" : "";
    report.fail(`notification policy: ${error.message}${hint}`);
  }
}

/** Compares the account with what setup-profile would set; changes nothing. */
async function checkProfile(
  api: AccountApi,
  me: BotAccount,
  { knowledge, languageDir }: { knowledge: Knowledge; languageDir: string },
  report: CheckReport,
): Promise<void> {
  try {
    const limits = await api.profileLimits();
    const desired = buildDesiredProfile(knowledge, limits, languageDir);
    const update = planProfileUpdate(me, desired, limits.maxFields);
    if (isEmptyUpdate(update))
      report.ok("profile: bot flag, bio and form-link fields are as setup-profile sets them");
    else {
      const differs = [
        update.bot && "bot flag",
        update.note !== undefined && "bio",
        update.fieldsAttributes && "fields",
      ];
      report.warn(`profile: ${differs.filter(Boolean).join(", ")} not as wanted; run setup-profile`);
    }
  } catch (error) {
    if (error instanceof ConfigError)
      for (const problem of error.problems) report.fail(`profile: ${problem}`);
    else if (error instanceof ProfileFieldsError || error instanceof AccountApiError) {
      report.warn(`profile: ${error.message}`);
    } else throw error;
  }
}

function reportInstance(instance: InstanceInfo, report: CheckReport): void {
  const version = instance.version ?? "unknown version";
  const limits = `${instance.maxCharacters} characters per post, a link counts ${instance.charactersReservedPerUrl}`;
  if (instance.source === "v2") report.ok(`instance: ${version} (/api/v2/instance): ${limits}`);
  else if (instance.source === "v1") {
    report.warn(`instance: ${version} read from /api/v1/instance (no usable /api/v2/instance): ${limits}`);
  } else report.warn(`instance: neither /api/v2/instance nor /api/v1/instance answered; assuming ${limits}`);
  if (instance.streamingUrl) report.ok(`streaming: ${instance.streamingUrl}`);
  else report.warn("streaming: the server advertises none; the bot will poll for notifications");
}

/** Answers may need a thread (warning); a reminder that does not fit stops the bot (failure). */
function checkTexts(
  knowledge: Knowledge,
  settings: Settings,
  limits: ReplyLimits,
  report: CheckReport,
): boolean {
  const fit = checkTextFit(knowledge, limits, settings.knowledge.languageDir);
  if (fit.answersSplit.length === 0) report.ok(`answers: all ${fit.answersChecked} fit one post`);
  for (const answer of fit.answersSplit) report.warn(`answer needs a thread: ${answer}`);
  if (fit.reminderProblems.length === 0) report.ok(`reminders: all ${fit.reminders} posts fit one post each`);
  for (const problem of fit.reminderProblems) report.fail(problem);
  return fit.reminderProblems.length === 0;
}
