import type { KnowledgePaths } from "../knowledge/load-knowledge.js";
import type { LogLevel, ReplyVisibility } from "./env-schema.js";

export type { LogLevel, ReplyVisibility };

/** Where and as whom the bot talks to Mastodon. */
export interface MastodonSettings {
  /** `MASTODON_URL`, without a trailing slash, e.g. `https://mastodon.example`. */
  readonly url: string;
  /** `MASTODON_ACCESS_TOKEN`. A secret: never log it. */
  readonly accessToken: string;
}

/** Every setting of the bot, read once from the environment at start-up. */
export interface Settings {
  /** `MASTODON_URL` + `MASTODON_ACCESS_TOKEN`; undefined (both unset) means local mode. */
  readonly mastodon: MastodonSettings | undefined;
  /** `DATA_DIR`, default `./data`: the SQLite state lives here. */
  readonly dataDir: string;
  /**
   * `KEEP_UNMATCHED`, default 14 days: how long public and unlisted mentions the bot did not
   * understand are kept for `review`; 0 keeps none.
   */
  readonly keepUnmatchedMs: number;
  /** `LOG_LEVEL`, default `info`. */
  readonly logLevel: LogLevel;
  /** `HTTP_HOST`, default `0.0.0.0`: interface of the health and metrics server. */
  readonly httpHost: string;
  /** `HTTP_PORT`, default 8080; 0 picks a free port (tests). */
  readonly httpPort: number;
  /** `REPLY_VISIBILITY`, default `unlisted`: for replies to public or unlisted mentions. */
  readonly replyVisibility: ReplyVisibility;
  /** `REPLY_MAX_DELAY`, default 2 h: a reply that cannot go out this soon after its mention expires. */
  readonly replyMaxDelayMs: number;
  /** `REPLIES_PER_ACCOUNT_PER_HOUR`, default 20. */
  readonly repliesPerAccountPerHour: number;
  /**
   * `REPLIES_PER_HOUR`, default 80: replies to all accounts together per rolling hour; replies to
   * accounts answered in the hour before may use only the first 80% of it.
   */
  readonly repliesPerHour: number;
  /** `MENU_COOLDOWN`, default 24 h: the topic menu goes to one account at most once in this time. */
  readonly menuCooldownMs: number;
  /** `REPLY_TO_BOTS`, default false: answer accounts flagged as bots. */
  readonly replyToBots: boolean;
  /** `REMINDER_GRACE`, default 3 h: a missed reminder later than this is skipped, not posted. */
  readonly reminderGraceMs: number;
  /** `GREET_FOLLOWERS`, default false: send new followers one direct greeting. */
  readonly greetFollowers: boolean;
  /** `POLL_INTERVAL`, default 15 s: notification polling when streaming is unavailable. */
  readonly pollIntervalMs: number;
  /** `STREAM_RETRY_INTERVAL`, default 5 min: while polling, streaming is tried again this often. */
  readonly streamRetryIntervalMs: number;
  /** `CONFIG_DIR`, default `./config`. */
  readonly configDir: string;
  /** `LEARNED_MODEL`, default true: the learned model may add topics where the rules found none. */
  readonly learnedModel: boolean;
  /**
   * `CAMPAIGN_FILE`, `RULES_FILE`, `LANGUAGE_DIR`, `MODEL_FILE`; default `campaign.yaml`,
   * `intents.yaml`, `lang/`, `intent-model.json` in `CONFIG_DIR`.
   */
  readonly knowledge: KnowledgePaths;
}
