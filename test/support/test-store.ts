import type Database from "better-sqlite3";
import { onTestFinished } from "vitest";
import { IN_MEMORY, openSqliteDatabase } from "../../src/store/sqlite-database.js";
import { fromSqlRow } from "../../src/store/sqlite-rows.js";
import { type OutboxSqlRow, SELECT_OUTBOX_ITEM } from "../../src/store/sqlite-statements.js";
import { SqliteStateStore } from "../../src/store/sqlite-store.js";
import type { OutboxItem } from "../../src/store/state-store.js";

/** All outbox items of a reply, reminder or greeting, by position, read straight from `db`. */
export function readOutboxGroup(db: Database.Database, groupKey: string): OutboxItem[] {
  return db
    .prepare<[string], OutboxSqlRow>(`${SELECT_OUTBOX_ITEM} WHERE o.group_key = ? ORDER BY o.position`)
    .all(groupKey)
    .map(fromSqlRow);
}

/** The bot's SQLite store, plus the reads only tests make: the outbox rows as they are stored. */
export class TestStore extends SqliteStateStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    super(db);
    this.#db = db;
  }

  /** All items of a reply, reminder or greeting, by position. */
  outboxGroup(groupKey: string): OutboxItem[] {
    return readOutboxGroup(this.#db, groupKey);
  }

  /** One item by id, or null (pruned or never existed). */
  getOutboxItem(id: number): OutboxItem | null {
    const row = this.#db.prepare<[number], OutboxSqlRow>(`${SELECT_OUTBOX_ITEM} WHERE o.id = ?`).get(id);
    return row === undefined ? null : fromSqlRow(row);
  }
}

/**
 * A state store for the running test: SQLite in memory, or on the file at `path` (which may
 * already hold state), migrated as the bot does; closed when the test ends.
 */
export function openTestStore(path: string = IN_MEMORY): TestStore {
  const store = new TestStore(openSqliteDatabase(path));
  onTestFinished(() => store.close());
  return store;
}
