import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME, lockDataDir } from "../../src/store/data-dir-lock.js";
import { openStateStore } from "../../src/store/open-state-store.js";
import { DataDirLockedError, StoreError } from "../../src/store/store-errors.js";
import { mention } from "./store-fixtures.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LOCK_CHILD = fileURLToPath(new URL("fixtures/lock-child.ts", import.meta.url));

let dir: string;
let child: ChildProcess | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "optout-lock-"));
});

afterEach(() => {
  child?.kill("SIGKILL");
  child = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a process that holds `dir` through openStateStore; resolves once it has the lock. */
async function startHolder(): Promise<ChildProcess> {
  const holder = spawn(process.execPath, ["--expose-gc", "--import", "tsx", LOCK_CHILD, dir], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = holder;
  const [chunk] = (await once(holder.stdout!, "data")) as [Buffer];
  expect(chunk.toString()).toBe("ready\n");
  return holder;
}

describe("the DATA_DIR lock", () => {
  it("refuses a second store on the folder, naming the folder and the holder, until the first closes", () => {
    const first = openStateStore({ dataDir: dir });
    const second = () => openStateStore({ dataDir: dir });
    expect(second).toThrow(DataDirLockedError);
    expect(second).toThrow(`DATA_DIR ${dir} is in use by process ${process.pid}`);
    expect(second).toThrow(/Stop the other bot, or give this one its own DATA_DIR/);
    first.close();
    const next = openStateStore({ dataDir: dir });
    expect(next.acceptNotification(mention("1"))).toBe(true);
    next.close();
  });

  it("refuses a store while another process holds the folder, and names that process", async () => {
    const holder = await startHolder();
    const attempt = () => openStateStore({ dataDir: dir });
    expect(attempt).toThrow(`DATA_DIR ${dir} is in use by process ${holder.pid}`);
    let refusal: unknown;
    try {
      attempt();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ dataDir: dir, holderPid: holder.pid });
  });

  it("is released by the OS when the holder dies by SIGKILL, so a restart starts at once", async () => {
    const holder = await startHolder();
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    const exited = once(holder, "exit");
    holder.kill("SIGKILL");
    await exited;
    const store = openStateStore({ dataDir: dir });
    expect(store.acceptNotification(mention("1"))).toBe(true);
    store.close();
  });

  it("says what to do with a lock file that is not a lock (garbage in the file)", () => {
    const path = join(dir, LOCK_FILE_NAME);
    writeFileSync(path, "not a database ".repeat(100));
    const attempt = () => lockDataDir(dir);
    expect(attempt).toThrow(StoreError);
    expect(attempt).toThrow(`Cannot lock DATA_DIR with ${path}`);
    expect(attempt).toThrow(/with no bot running, delete it/);
  });
});
