import { MastoHttpError, MastoUnexpectedError, type mastodon } from "masto";
import { OptoutError } from "../domain/errors.js";
import { DEFAULT_PROFILE_LIMITS, type ProfileField, type ProfileLimits } from "./desired-profile.js";
import type { NotificationPolicyView, PolicyValue } from "./notification-policy.js";
import type { ProfileUpdate } from "./profile-update.js";

/** The bot's own account: who the token acts as, and its profile in plain text. */
export interface BotAccount {
  readonly id: string;
  readonly acct: string;
  readonly bot: boolean;
  readonly note: string;
  readonly fields: readonly ProfileField[];
}

/** The account calls `check` and `setup-profile` make; one masto client behind it. */
export interface AccountApi {
  verifyCredentials(): Promise<BotAccount>;
  /** The scopes of the token's application; null when the server does not say (before 4.3). */
  appScopes(): Promise<readonly string[] | null>;
  /** null when the server has no policy API (before Mastodon 4.3, other servers). */
  notificationPolicy(): Promise<NotificationPolicyView | null>;
  /** Sends only the keys given; the server keeps the others. */
  updateNotificationPolicy(change: Partial<Record<keyof NotificationPolicyView, PolicyValue>>): Promise<void>;
  updateProfile(update: ProfileUpdate): Promise<void>;
  /** The server's profile limits, or Mastodon's defaults when it does not report them. */
  profileLimits(): Promise<ProfileLimits>;
}

/** A request failed; `status` is the HTTP status when there was an answer. */
export class AccountApiError extends OptoutError {
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** Statuses meaning "this server has no such endpoint". */
const ABSENT = new Set([404, 405, 410, 501]);

export function createAccountApi(rest: mastodon.rest.Client): AccountApi {
  return {
    async verifyCredentials() {
      const me = await call("verify the token", () => rest.v1.accounts.verifyCredentials());
      return {
        id: me.id,
        acct: me.acct,
        bot: me.bot === true,
        // source is only missing on servers that implement the endpoint partly.
        note: me.source?.note ?? "",
        fields: (me.source?.fields ?? []).map((f) => ({ name: f.name, value: f.value })),
      };
    },
    async appScopes() {
      const app = await optional("read the token's scopes", () => rest.v1.apps.verifyCredentials());
      return Array.isArray(app?.scopes) ? app.scopes : null;
    },
    async notificationPolicy() {
      const policy = await optional("read the notification policy", () =>
        rest.v2.notifications.policy.fetch(),
      );
      return typeof policy?.forPrivateMentions === "string" ? policy : null;
    },
    async updateNotificationPolicy(change) {
      await call("update the notification policy", () => rest.v2.notifications.policy.update(change));
    },
    async updateProfile(update) {
      await call("update the profile", () => rest.v1.accounts.updateCredentials(credentialParams(update)));
    },
    async profileLimits() {
      // Public and harmless: any failure means "not reported".
      const instance = await rest.v2.instance.fetch().catch(() => undefined);
      return readProfileLimits(instance?.configuration?.accounts);
    },
  };
}

/** Only the keys that change, never undefined ones (masto's multipart trap, API notes §1). */
function credentialParams(update: ProfileUpdate): mastodon.rest.v1.UpdateCredentialsParams {
  return {
    ...(update.bot === undefined ? {} : { bot: update.bot }),
    ...(update.note === undefined ? {} : { note: update.note }),
    ...(update.fieldsAttributes === undefined
      ? {}
      : { fieldsAttributes: update.fieldsAttributes.map((f) => ({ name: f.name, value: f.value })) }),
  };
}

function readProfileLimits(accounts: unknown): ProfileLimits {
  const record = (typeof accounts === "object" && accounts !== null ? accounts : {}) as Record<
    string,
    unknown
  >;
  const pick = (key: string, fallback: number) => {
    const value = record[key];
    return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    maxNoteLength: pick("maxNoteLength", DEFAULT_PROFILE_LIMITS.maxNoteLength),
    maxFields: pick("maxProfileFields", DEFAULT_PROFILE_LIMITS.maxFields),
    fieldNameLength: pick("profileFieldNameLimit", DEFAULT_PROFILE_LIMITS.fieldNameLength),
    fieldValueLength: pick("profileFieldValueLimit", DEFAULT_PROFILE_LIMITS.fieldValueLength),
  };
}

async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toAccountApiError(what, error);
  }
}

/** Like `call`, but a missing endpoint (or a non-JSON answer) resolves to undefined. */
async function optional<T>(what: string, request: () => Promise<T>): Promise<T | undefined> {
  try {
    return (await request()) ?? undefined;
  } catch (error) {
    if (error instanceof MastoHttpError && ABSENT.has(error.statusCode)) return undefined;
    if (error instanceof MastoUnexpectedError) return undefined;
    throw toAccountApiError(what, error);
  }
}

function toAccountApiError(what: string, error: unknown): AccountApiError {
  if (error instanceof MastoHttpError) {
    const detail = error.description ? `${error.message}: ${error.description}` : error.message;
    return new AccountApiError(`cannot ${what}: HTTP ${error.statusCode} ${detail}`, error.statusCode, {
      cause: error,
    });
  }
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";
  const message = error instanceof Error ? error.message : String(error);
  return new AccountApiError(`cannot ${what}: ${message}${code}`, undefined, { cause: error });
}
