import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { openStateStore, STATE_FILE_NAME } from "../../src/store/open-state-store.js";
import { SqliteStateStore } from "../../src/store/sqlite-store.js";
import type { StateStore } from "../../src/store/state-store.js";
import { SchemaTooNewError, StoreError } from "../../src/store/store-errors.js";
import { readOutboxGroup } from "../support/test-store.js";
import { at, mention, post, reminderPosts, thread } from "./store-fixtures.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

let dir: string;
const open: StateStore[] = [];

function openStore(): StateStore {
  const store = openStateStore({ dataDir: dir });
  open.push(store);
  return store;
}

/** Another connection to the bot's file, past the DATA_DIR lock (as a second bot would without it). */
function openFile(): StateStore {
  const store = SqliteStateStore.open(join(dir, STATE_FILE_NAME));
  open.push(store);
  return store;
}

/** A second, raw connection to inspect the file as an operator's sqlite3 shell would. */
function inspect<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(dir, STATE_FILE_NAME));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Starts a fixture script with tsx; resolves once it printed its first line ("ready"). */
function startChild(script: string, args: string[]): Promise<{ go: () => void; result: Promise<string> }> {
  const child = spawn(process.execPath, ["--import", "tsx", fixture(script), ...args], { cwd: ROOT });
  let out = "";
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const result = new Promise<string>((resolve, reject) => {
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`)),
    );
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith("ready\n")) resolve({ go: () => child.stdin.end("go\n"), result });
    });
    result.catch(reject);
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "optout-sqlite-"));
});

afterEach(() => {
  for (const store of open.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SqliteStateStore on disk", () => {
  it("creates DATA_DIR and the file, in WAL mode, at the current schema version", () => {
    dir = join(dir, "nested", "data");
    openStore();
    expect(existsSync(join(dir, STATE_FILE_NAME))).toBe(true);
    expect(inspect((db) => db.pragma("journal_mode", { simple: true }))).toBe("wal");
    expect(inspect((db) => db.pragma("user_version", { simple: true }))).toBe(SCHEMA_VERSION);
  });

  it("keeps everything across a reopen", () => {
    const first = openStore();
    first.acceptNotification(mention("5", { posts: thread("s5", 2), topicMenu: true }));
    const item = first.nextDue(at(0))!;
    first.markSending(item.id, at(0));
    first.markSent(item.id, "r5", at(1));
    first.claimReminder("c:2025-05-23:morning", at(0), reminderPosts(0));
    first.markGreeted("bob", at(0), { posts: [post("hi")], dueAt: at(0), deadlineAt: at(9) });
    const groups = ["reply:5", "reminder:c:2025-05-23:morning", "greeting:bob"];
    const before = inspect((db) => groups.map((k) => readOutboxGroup(db, k)));
    first.close();

    const again = openStore();
    expect(again.getCursor()).toBe("5");
    expect(again.acceptNotification(mention("5"))).toBe(false);
    expect(inspect((db) => groups.map((k) => readOutboxGroup(db, k)))).toEqual(before);
    expect(again.nextDue(at(1))).toMatchObject({ position: 1, inReplyToId: "r5" });
    expect([again.repliesSince("alice", at(0)), again.lastTopicMenuAt("alice")]).toEqual([1, at(0)]);
    expect(again.claimReminder("c:2025-05-23:morning", at(2))).toBe(false);
    expect(again.markGreeted("bob", at(2))).toBe(false);
    expect(again.pendingCount()).toBe(3);
  });

  it("brings back a post whose sender was killed mid-send as an unknown outcome", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", fixture("crash-child.ts"), dir], {
      cwd: ROOT,
    });
    expect(child.signal, child.stderr.toString()).toBe("SIGKILL");

    const store = openStore();
    const [unknown, ...others] = store.inFlight();
    expect(others).toEqual([]);
    expect(unknown).toMatchObject({ idempotencyKey: "reply:77:0", state: "sending", statusId: "s77" });
    // Its thread continuation waits for it; the next mention may go.
    expect(store.nextDue(at(1))?.idempotencyKey).toBe("reply:78:0");
    expect(store.hasSeen("77") && store.hasSeen("78")).toBe(true);
    // Found on the server: recorded as sent, and the thread goes on from it.
    store.markSent(unknown!.id, "found-on-server", at(2));
    expect(inspect((db) => readOutboxGroup(db, "reply:77"))[1]).toMatchObject({
      kind: "post",
      inReplyToId: "found-on-server",
    });
  });

  it("lets two connections on one file claim each reminder and notification once", () => {
    const a = openStore();
    const b = openFile();
    expect([
      a.claimReminder("k", at(0), reminderPosts(0)),
      b.claimReminder("k", at(0), reminderPosts(0)),
    ]).toEqual([true, false]);
    expect([b.acceptNotification(mention("1")), a.acceptNotification(mention("1"))]).toEqual([true, false]);
    expect(a.pendingCount()).toBe(2);
  });

  it("lets two processes racing on one file win each claim exactly once", async () => {
    openStore().close();
    // Both open the file first, then start together, so their claims interleave.
    const children = await Promise.all([0, 1].map(() => startChild("claim-child.ts", [dir, "300"])));
    for (const child of children) child.go();
    const results = await Promise.all(children.map((child) => child.result));
    const [first, second] = results.map((out) => JSON.parse(out.slice("ready\n".length)) as string[]);
    const all = [...first!, ...second!];
    expect(all).toHaveLength(600);
    expect(new Set(all).size).toBe(600);
    const store = openStore();
    expect(store.pendingCount()).toBe(600);
    expect(store.getCursor()).toBe("1299");
  });

  it("refuses a database written by a newer release, and leaves it untouched", () => {
    inspect((db) => db.pragma("user_version = 99"));
    const attempt = () => openStore();
    expect(attempt).toThrow(SchemaTooNewError);
    expect(attempt).toThrow(
      new RegExp(`schema version 99.*only knows versions up to ${SCHEMA_VERSION}.*newer release`, "s"),
    );
    expect(attempt).toThrow(/restore a backup of DATA_DIR/);
    expect(inspect((db) => db.pragma("user_version", { simple: true }))).toBe(99);
  });

  it("explains a DATA_DIR that cannot be used", () => {
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    expect(() => openStateStore({ dataDir: file })).toThrow(StoreError);
    expect(() => openStateStore({ dataDir: file })).toThrow(/DATA_DIR/);
  });

  it("tells its observer how every read and write went", () => {
    const seen: string[] = [];
    const store = SqliteStateStore.open(join(dir, "state.sqlite"), {
      busyTimeoutMs: 0,
      observer: {
        succeeded: (access) => seen.push(`${access} ok`),
        failed: (access, operation, error) => seen.push(`${access} ${operation} failed: ${error.name}`),
      },
    });
    open.push(store);
    const other = new Database(join(dir, "state.sqlite"));
    try {
      other.exec("BEGIN IMMEDIATE");
      expect(() => store.acceptNotification(mention("1"))).toThrow(StoreError);
      expect(store.hasSeen("1")).toBe(false);
      other.exec("ROLLBACK");
      expect(store.acceptNotification(mention("1"))).toBe(true);
    } finally {
      other.close();
    }
    expect(seen).toEqual(["write acceptNotification failed: StoreError", "read ok", "write ok"]);
  });

  it("names a second bot holding the lock instead of failing obscurely", () => {
    const store = SqliteStateStore.open(join(dir, "state.sqlite"), { busyTimeoutMs: 0 });
    open.push(store);
    const other = new Database(join(dir, "state.sqlite"));
    try {
      other.exec("BEGIN IMMEDIATE");
      expect(() => store.acceptNotification(mention("1"))).toThrow(/second bot running on the same DATA_DIR/);
      other.exec("ROLLBACK");
      expect(store.acceptNotification(mention("1"))).toBe(true);
    } finally {
      other.close();
    }
  });

  it("keeps the file bounded when pruned daily", () => {
    const store = openStore();
    const perDay = 40;
    let id = 1000;
    for (let day = 0; day < 20; day++) {
      for (let n = 0; n < perDay; n++) {
        const minute = day * 1440 + n;
        store.acceptNotification(mention(String(id++), { minute, accountId: `a${n}` }));
        const item = store.nextDue(at(minute))!;
        store.markSending(item.id, at(minute));
        store.markSent(item.id, `r${id}`, at(minute));
      }
      store.prune(at(day * 1440 + 1439), { keepDays: 3 });
    }
    const counts = inspect((db) =>
      ["notifications", "outbox", "replies"].map(
        (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ),
    );
    for (const count of counts) expect(count).toBeLessThanOrEqual(4 * perDay);
    expect(counts[0]).toBeGreaterThan(0);
    expect(store.getCursor()).toBe(String(id - 1));
  });
});

describe("SqliteStateStore: group commit", () => {
  it("commits the writes inside together; one that fails is undone alone", () => {
    const store = openStore();
    const result = store.inOneCommit("acceptNotification", () => {
      store.acceptNotification(mention("1"));
      // Its notification row is written before its outbox row fails to bind: both are undone.
      const broken = post({} as unknown as string);
      expect(() => store.acceptNotification(mention("9", { posts: [broken] }))).toThrow(StoreError);
      store.acceptNotification(mention("2"));
      return "done";
    });
    expect(result).toBe("done");
    const seen = inspect((db) => db.prepare("SELECT id FROM notifications ORDER BY 1").pluck().all());
    expect(seen).toEqual(["1", "2"]);
    expect(store.getCursor()).toBe("2");
  });

  it("stores none of them when the group fails, and names the group in the error", () => {
    const store = openStore();
    expect(() =>
      store.inOneCommit("acceptNotification", () => {
        store.acceptNotification(mention("1"));
        throw new Error("disk I/O error");
      }),
    ).toThrow(/acceptNotification failed/);
    expect(store.hasSeen("1")).toBe(false);
    expect(store.getCursor()).toBeNull();
    expect(store.pendingCount()).toBe(0);
  });
});
