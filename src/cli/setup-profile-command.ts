import { parseArgs } from "node:util";
import { type Environment, readSettings } from "../config/env.js";
import { ConfigError } from "../domain/errors.js";
import { loadKnowledge } from "../knowledge/load-knowledge.js";
import { createRestClient } from "../mastodon/create-rest-client.js";
import { type AccountApi, AccountApiError, createAccountApi } from "../profile/account-api.js";
import { CheckReport } from "../profile/check-report.js";
import { buildDesiredProfile } from "../profile/desired-profile.js";
import {
  needsPrivateMentions,
  PRIVATE_MENTIONS_ACCEPTED,
  policyWarnings,
} from "../profile/notification-policy.js";
import {
  describeUpdate,
  isEmptyUpdate,
  ProfileFieldsError,
  planProfileUpdate,
} from "../profile/profile-update.js";

export const SETUP_PROFILE_HELP = `Usage: npm run cli -- setup-profile [--dry-run]

Sets up the bot's account on MASTODON_URL: the bot flag, a bio in every language of config/lang
(profile.bio, German first), the two objection forms as profile fields (Facebook, Instagram; other
fields are kept), and, where the server has the notification policy API (Mastodon 4.3+), accepts
private mentions from accounts the bot does not follow, so their questions reach it.
Reads the account first and sends only what differs: a second run changes nothing.
  --dry-run   print what would change and send nothing
Exit status: 0 done, 1 the server refused something, 78 invalid configuration.`;

export interface SetupProfileOptions {
  /** The process environment merged with .env (`loadEnvironment(process.env)`). */
  readonly env: Environment;
  /** One line of output, without the line break. */
  readonly write: (line: string) => void;
  /** Per request; @default 15000 */
  readonly timeoutMs?: number;
}

/**
 * `setup-profile`: returns the exit status. Throws ConfigError (exit 78) for invalid settings or
 * knowledge, missing credentials, or a bio that does not fit the server's limit.
 */
export async function runSetupProfile(args: readonly string[], deps: SetupProfileOptions): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { "dry-run": { type: "boolean", default: false } },
  });
  const dryRun = values["dry-run"];
  const settings = readSettings(deps.env);
  if (!settings.mastodon) {
    throw new ConfigError([
      "MASTODON_URL, MASTODON_ACCESS_TOKEN: setup-profile changes the bot's account, so both must be set",
    ]);
  }
  const knowledge = loadKnowledge(settings.knowledge);
  const rest = createRestClient({ ...settings.mastodon, timeoutMs: deps.timeoutMs ?? 15_000 });
  const api = createAccountApi(rest);
  const report = new CheckReport(deps.write);
  const limits = await api.profileLimits();
  const desired = buildDesiredProfile(knowledge, limits, settings.knowledge.languageDir);

  try {
    const me = await api.verifyCredentials();
    report.ok(`account: @${me.acct} on ${settings.mastodon.url}`);
    await setProfile(api, planProfileUpdate(me, desired, limits.maxFields), dryRun, report);
  } catch (error) {
    if (!(error instanceof AccountApiError || error instanceof ProfileFieldsError)) throw error;
    const refused = error instanceof AccountApiError && error.status === 403;
    report.fail(`${error.message}${refused ? "; the token needs read:accounts and write:accounts" : ""}`);
    return 1;
  }
  await setPolicy(api, dryRun, report);
  if (dryRun) deps.write("Dry run: nothing was sent.");
  return report.failed > 0 ? 1 : 0;
}

async function setProfile(
  api: AccountApi,
  update: ReturnType<typeof planProfileUpdate>,
  dryRun: boolean,
  report: CheckReport,
): Promise<void> {
  if (isEmptyUpdate(update)) {
    report.ok("profile: bot flag, bio and form-link fields already set; nothing to change");
    return;
  }
  if (dryRun) {
    for (const line of describeUpdate(update)) report.info(`would set ${line}`);
    return;
  }
  await api.updateProfile(update);
  for (const line of describeUpdate(update)) report.ok(`set ${line}`);
}

/** Accepts private mentions from strangers; the other policy keys stay as the operator left them. */
async function setPolicy(api: AccountApi, dryRun: boolean, report: CheckReport): Promise<void> {
  try {
    const policy = await api.notificationPolicy();
    if (policy === null) {
      report.warn("notification policy: the server has no policy API (before Mastodon 4.3); skipped");
      return;
    }
    if (!needsPrivateMentions(policy)) report.ok("notification policy: private mentions already accepted");
    else if (dryRun) report.info("would set notification policy: for_private_mentions=accept");
    else {
      await api.updateNotificationPolicy(PRIVATE_MENTIONS_ACCEPTED);
      report.ok(
        "notification policy: for_private_mentions=accept (strangers' private questions reach the bot)",
      );
    }
    const others = policyWarnings({ ...policy, ...PRIVATE_MENTIONS_ACCEPTED });
    for (const warning of others)
      report.warn(
        `notification policy: ${warning}; left as it is, change it in the web interface's notification settings if that is not intended`,
      );
  } catch (error) {
    if (!(error instanceof AccountApiError)) throw error;
    const hint = error.status === 403 ? "; the token needs read:notifications and write:notifications" : "";
    report.fail(`notification policy: ${error.message}${hint}`);
  }
}
