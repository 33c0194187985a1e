import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifyLine } from "../../src/cli/classify-command.js";
import { REVIEW_HELP, runReview } from "../../src/cli/review-command.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { openStateStore, STATE_FILE_NAME } from "../../src/store/open-state-store.js";
import type { UnmatchedInput } from "../../src/store/state-store.js";
import { at, mention } from "../store/store-fixtures.js";
import { realMatcher } from "../support/knowledge.js";

const DAY = 24 * 60 * 60 * 1000;
const MENU_HTML =
  '<p><span class="h-card"><a href="https://social.example/@optout" class="u-url mention">@<span>optout</span></a></span> Wie wird das Wetter?</p>';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "optout-review-"));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function keep(rows: readonly UnmatchedInput[]): void {
  const store = openStateStore({ dataDir });
  try {
    rows.forEach((unmatched, index) => {
      store.acceptNotification(mention(String(index + 1), { posts: [], unmatched }));
    });
  } finally {
    store.close();
  }
}

function run(args: string[], now = at(10 * 24 * 60)) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runReview(args, {
    dataDir,
    now,
    output: { write: (s) => out.push(s) },
    errors: { write: (s) => err.push(s) },
  });
  return { code, lines: out.join("").split("\n").filter(Boolean), stderr: err.join("") };
}

const menuRow: UnmatchedInput = {
  content: MENU_HTML,
  language: "de",
  detectedLanguage: "de",
  found: [],
  reason: "menu",
  createdAt: at(0),
};

describe("review command", () => {
  it("prints every kept mention as an eval line with empty labels, oldest first", () => {
    keep([
      { ...menuRow, createdAt: at(9 * 24 * 60), reason: "silent:menu-cooldown", language: null },
      menuRow,
    ]);
    const { code, lines, stderr } = run([]);
    expect([code, stderr]).toEqual([0, ""]);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        content: MENU_HTML,
        language: "de",
        intents: [],
        answer_language: "de",
        found: [],
        reason: "menu",
        created_at: at(0).toISOString(),
      },
      {
        content: MENU_HTML,
        language: null,
        intents: [],
        answer_language: "de",
        found: [],
        reason: "silent:menu-cooldown",
        created_at: at(9 * 24 * 60).toISOString(),
      },
    ]);
  });

  it("gives classify the post exactly as the live bot read it", () => {
    keep([menuRow]);
    const [line] = run([]).lines;
    expect(JSON.parse(classifyLine(realMatcher(), line!))).toEqual({ intents: [], language: "de" });
  });

  it("with --since, prints only mentions written that recently", () => {
    keep([menuRow, { ...menuRow, createdAt: at(9 * 24 * 60), reason: "nothing" }]);
    const { code, lines } = run(["--since", "7d"]);
    expect(code).toBe(0);
    expect(lines.map((line) => (JSON.parse(line) as { reason: string }).reason)).toEqual(["nothing"]);
    expect(run(["--since", `${2 * DAY}`]).lines).toHaveLength(1);
  });

  it("prints nothing when nothing is kept", () => {
    keep([]);
    expect(run([])).toEqual({ code: 0, lines: [], stderr: "" });
  });

  it("says so when DATA_DIR holds no database yet", () => {
    const { code, lines, stderr } = run([]);
    expect([code, lines]).toEqual([1, []]);
    expect(stderr).toContain(`No state database at ${join(dataDir, STATE_FILE_NAME)} yet`);
    expect(stderr).toContain("DATA_DIR");
  });

  it("asks to start the bot once on a database from before unmatched mentions were kept", () => {
    const db = new Database(join(dataDir, STATE_FILE_NAME));
    db.exec(MIGRATIONS[0]!.sql);
    db.pragma("user_version = 1");
    db.close();
    const { code, stderr } = run([]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/schema version 1.*start this release of the bot once/s);
  });

  it("exits 64 with the usage on a bad argument", () => {
    expect(run(["--since", "a while"])).toMatchObject({
      code: 64,
      stderr: expect.stringContaining("--since"),
    });
    expect(run(["--until", "7d"])).toMatchObject({ code: 64, stderr: expect.stringContaining(REVIEW_HELP) });
  });

  it("prints its help", () => {
    const { code, lines } = run(["--help"]);
    expect(code).toBe(0);
    expect(lines).toEqual(REVIEW_HELP.split("\n").filter(Boolean));
  });
});
