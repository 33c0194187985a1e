import { describe, expect, it } from "vitest";
import { REMINDERS_HELP, runRemindersCommand } from "../../src/cli/reminders-command.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { knowledgeWith } from "../reminders/reminder-fixtures.js";
import { realKnowledge } from "../support/knowledge.js";

function run(args: string[], knowledge: Knowledge = realKnowledge()) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runRemindersCommand(
    args,
    knowledge,
    { write: (s) => out.push(s) },
    { write: (s) => err.push(s) },
  );
  return { code, lines: out.join("").split("\n").filter(Boolean), stderr: err.join("") };
}

describe("reminders command", () => {
  it("prints the plan of May 2025, one line per post: time with offset, key, language, 80 characters", () => {
    const { code, lines, stderr } = run(["--from", "2025-05-01", "--to", "2025-05-28"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(lines).toHaveLength(8);
    expect(lines[2]).toBe(
      "2025-05-23T09:00+02:00  meta-ai-2025:2025-05-23:countdown:de  de  Widerspruch gegen Metas KI-Training Noch 3 Tage: bis Montag, 26.05.2025, kannst",
    );
    expect(lines.map((l) => l.split("  ").slice(0, 2).join(" "))).toEqual([
      "2025-05-12T09:00+02:00 meta-ai-2025:2025-05-12:countdown:de",
      "2025-05-19T09:00+02:00 meta-ai-2025:2025-05-19:countdown:de",
      "2025-05-23T09:00+02:00 meta-ai-2025:2025-05-23:countdown:de",
      "2025-05-24T09:00+02:00 meta-ai-2025:2025-05-24:countdown:de",
      "2025-05-25T09:00+02:00 meta-ai-2025:2025-05-25:countdown:de",
      "2025-05-26T09:00+02:00 meta-ai-2025:2025-05-26:last-day-morning:de",
      "2025-05-26T18:00+02:00 meta-ai-2025:2025-05-26:last-day-evening:de",
      "2025-05-27T09:00+02:00 meta-ai-2025:2025-05-27:closing:de",
    ]);
    for (const line of lines) {
      const preview = line.split("  ")[3]!;
      expect([...new Intl.Segmenter().segment(preview)].length).toBeLessThanOrEqual(80);
      expect(preview).not.toContain("\n");
    }
  });

  it("takes --to as a whole day, in the campaign's zone", () => {
    expect(run(["--from", "2025-05-26", "--to", "2025-05-26"]).lines.map((l) => l.split("  ")[1])).toEqual([
      "meta-ai-2025:2025-05-26:last-day-morning:de",
      "meta-ai-2025:2025-05-26:last-day-evening:de",
    ]);
  });

  it("lists the whole plan without a window, and filters by language", () => {
    const both = knowledgeWith({ reminders: { languages: ["de", "en"] } });
    expect(run([], both).lines).toHaveLength(16);
    const english = run(["--lang", "en"], both).lines;
    expect(english).toHaveLength(8);
    expect(english[0]).toMatch(
      /^2025-05-12T09:00\+02:00 {2}meta-ai-2025:2025-05-12:countdown:en {2}en {2}Objection/,
    );
  });

  it("says so when no campaign posts in the language asked for", () => {
    const { code, lines, stderr } = run(["--lang", "en"]);
    expect([code, lines]).toEqual([0, []]);
    expect(stderr).toContain('No campaign posts reminders in "en"');
  });

  it("prints help, and rejects a bad date, language or option with exit code 64", () => {
    expect(run(["--help"])).toMatchObject({ code: 0, lines: REMINDERS_HELP.split("\n").filter(Boolean) });
    for (const args of [["--from", "2025-13-01"], ["--to", "tomorrow"], ["--lang", "tlh"], ["--bogus"]]) {
      const { code, lines, stderr } = run(args);
      expect([code, lines]).toEqual([64, []]);
      expect(stderr).toContain("Usage: npm run cli -- reminders");
    }
  });
});
