import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStateStore, STATE_FILE_NAME } from "../../src/store/open-state-store.js";
import { DamagedDatabaseError } from "../../src/store/store-errors.js";
import { mention } from "./store-fixtures.js";

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "optout-damaged-"));
  file = join(dir, STATE_FILE_NAME);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Opening must fail with DamagedDatabaseError saying what is wrong and what to do; the file stays. */
function expectRefused(problem: RegExp): void {
  const sizeBefore = statSync(file).size;
  const attempt = () => openStateStore({ dataDir: dir });
  expect(attempt).toThrow(DamagedDatabaseError);
  expect(attempt).toThrow(problem);
  expect(attempt).toThrow(`The state database ${file}`);
  expect(attempt).toThrow(/Restore it from a backup of DATA_DIR, or.*move it .*away/s);
  expect(statSync(file).size).toBe(sizeBefore);
}

describe("opening a damaged state database", () => {
  it("refuses an existing 0-byte file instead of starting a new history in it", () => {
    writeFileSync(file, "");
    expectRefused(/is empty \(0 bytes\)/);
  });

  it("refuses a file with damaged pages behind a valid header", () => {
    const store = openStateStore({ dataDir: dir });
    for (let i = 0; i < 200; i++) store.acceptNotification(mention(String(1000 + i)));
    store.close();
    expect(readdirSync(dir)).not.toContain(`${STATE_FILE_NAME}-wal`);
    const pageSize = 4096;
    const pages = statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(3);
    // Page 1 (the header and schema) stays intact; every later page becomes garbage.
    const fd = openSync(file, "r+");
    try {
      for (let page = 1; page < pages; page++)
        writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
    } finally {
      closeSync(fd);
    }
    expectRefused(/is damaged/);
  });

  it("refuses a file that is not a database at all", () => {
    writeFileSync(
      file,
      "this is not an SQLite database, but a note someone saved here by mistake\n".repeat(100),
    );
    expectRefused(/is damaged/);
  });
});
