import type Database from "better-sqlite3";
import type { Logger } from "../observability/logger.js";
import { SchemaTooNewError } from "./store-errors.js";

/** One schema step. Versions count up from 1 without gaps; never edit a released step, add one. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

const OUTBOX_STATES = "'pending', 'sending', 'sent', 'failed', 'expired', 'cancelled'";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "notifications, cursor, outbox, cooldowns, reminders, greetings",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        status_id TEXT,
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX notifications_received_at ON notifications (received_at);

      CREATE TABLE reminders (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'skipped', 'failed')),
        claimed_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('post', 'favourite')),
        idempotency_key TEXT NOT NULL UNIQUE,
        group_key TEXT NOT NULL,
        position INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN (${OUTBOX_STATES})),
        attempts INTEGER NOT NULL DEFAULT 0,
        remote_id TEXT,
        last_error TEXT,
        notification_id TEXT REFERENCES notifications (id),
        reminder_key TEXT REFERENCES reminders (key),
        status_id TEXT,
        account_id TEXT,
        text TEXT,
        language TEXT,
        visibility TEXT CHECK (visibility IN ('public', 'unlisted', 'private', 'direct')),
        in_reply_to_id TEXT,
        chain_to_previous INTEGER NOT NULL DEFAULT 0 CHECK (chain_to_previous IN (0, 1)),
        order_at INTEGER NOT NULL,
        order_id TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        deadline_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (group_key, position),
        CHECK (kind = 'favourite' OR (text IS NOT NULL AND language IS NOT NULL AND visibility IS NOT NULL)),
        CHECK (kind = 'post' OR status_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX outbox_open ON outbox (state, order_at);
      CREATE INDEX outbox_status ON outbox (status_id) WHERE status_id IS NOT NULL;
      CREATE INDEX outbox_notification ON outbox (notification_id) WHERE notification_id IS NOT NULL;

      CREATE TABLE replies (account_id TEXT NOT NULL, sent_at INTEGER NOT NULL) STRICT;
      CREATE INDEX replies_account ON replies (account_id, sent_at);
      CREATE INDEX replies_sent_at ON replies (sent_at);

      CREATE TABLE topic_menus (account_id TEXT PRIMARY KEY, sent_at INTEGER NOT NULL) STRICT;

      CREATE TABLE greetings (account_id TEXT PRIMARY KEY, greeted_at INTEGER NOT NULL) STRICT;
    `,
  },
  {
    version: 2,
    description: "unmatched mentions kept for the operator's review (no account data)",
    sql: `
      CREATE TABLE unmatched (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        content TEXT NOT NULL,
        language TEXT,
        detected_language TEXT NOT NULL,
        found TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX unmatched_created_at ON unmatched (created_at);
    `,
  },
  {
    version: 3,
    description:
      "outbox: per-account rank, first in the order index; sent replies by time for the hourly cap",
    sql: `
      ALTER TABLE outbox ADD COLUMN account_rank INTEGER NOT NULL DEFAULT 0 CHECK (account_rank >= 0);
      DROP INDEX outbox_open;
      CREATE INDEX outbox_fair ON outbox (state, account_rank, order_at);
      CREATE INDEX outbox_sent ON outbox (updated_at) WHERE state = 'sent';
    `,
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
}

export interface MigrateOptions {
  /** Named in errors and logs. */
  readonly path: string;
  readonly logger?: Logger | undefined;
  /** The steps to apply; tests pass their own. @default MIGRATIONS */
  readonly migrations?: readonly Migration[];
}

/**
 * Brings the schema to the newest version in one immediate transaction (a second process opening
 * the same file waits, then finds nothing left to do; a failing step leaves the file as it was).
 * A newer schema is refused, never touched.
 */
export function migrate(db: Database.Database, options: MigrateOptions): MigrationResult {
  const { path, logger, migrations = MIGRATIONS } = options;
  const known = migrations.at(-1)?.version ?? 0;
  const run = db.transaction((): MigrationResult => {
    const from = db.pragma("user_version", { simple: true }) as number;
    if (from > known) throw new SchemaTooNewError(path, from, known);
    for (const step of migrations) {
      if (step.version <= from) continue;
      db.exec(step.sql);
      // user_version lives in the file header and is written as part of this transaction.
      db.pragma(`user_version = ${step.version}`);
      logger?.info({ path, version: step.version, description: step.description }, "state schema migrated");
    }
    return { from, to: Math.max(from, known) };
  });
  return run.immediate();
}
