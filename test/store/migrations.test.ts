import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, SCHEMA_VERSION } from "../../src/store/migrations.js";
import { SchemaTooNewError } from "../../src/store/store-errors.js";

let db: Database.Database;

beforeEach(() => {
  db = new Database(":memory:");
});

afterEach(() => {
  db.close();
});

const tables = () =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);

describe("migrations", () => {
  it("number their steps 1, 2, 3 ... without gaps", () => {
    expect(MIGRATIONS.map((step) => step.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it("migrate a new file to the newest version, then find nothing to do", () => {
    expect(migrate(db, { path: "test" })).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(tables()).toContain("outbox");
    expect(migrate(db, { path: "test" })).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
  });

  it("keep a v2 outbox's waiting replies, ranked first (schema v3), so an upgrade sends them", () => {
    migrate(db, { path: "test", migrations: MIGRATIONS.slice(0, 2) });
    db.exec(`INSERT INTO outbox (kind, idempotency_key, group_key, position, state, text, language,
      visibility, order_at, order_id, due_at, deadline_at, created_at, updated_at)
      VALUES ('post', 'reply:1:0', 'reply:1', 0, 'pending', 'hi', 'de', 'unlisted', 0, '1', 0, 1, 0, 0)`);
    expect(migrate(db, { path: "test" })).toEqual({ from: 2, to: SCHEMA_VERSION });
    expect(db.prepare("SELECT account_rank, state FROM outbox").all()).toEqual([
      { account_rank: 0, state: "pending" },
    ]);
  });

  it("leave the file as it was when a step fails", () => {
    const steps = [
      { version: 1, description: "ok", sql: "CREATE TABLE one (x INTEGER) STRICT;" },
      {
        version: 2,
        description: "broken",
        sql: "CREATE TABLE two (x INTEGER) STRICT; SELECT nope FROM nowhere;",
      },
    ];
    expect(() => migrate(db, { path: "test", migrations: steps })).toThrow(/nowhere/);
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    expect(tables()).toEqual([]);
  });

  it("refuse a schema newer than the steps they know", () => {
    db.pragma("user_version = 3");
    const steps = [{ version: 1, description: "one", sql: "CREATE TABLE one (x INTEGER) STRICT;" }];
    expect(() => migrate(db, { path: "/data/optout-bot.sqlite", migrations: steps })).toThrow(
      SchemaTooNewError,
    );
    expect(tables()).toEqual([]);
  });
});
