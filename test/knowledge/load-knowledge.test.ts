import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/domain/errors.js";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { configWithFixtureLanguages } from "../support/config-copy.js";

let dir: string;
function copyConfig(): string {
  dir = mkdtempSync(join(tmpdir(), "optout-config-"));
  cpSync("config", dir, { recursive: true });
  return dir;
}
function edit(file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}
function problemsOf(configDir: string): readonly string[] {
  try {
    loadKnowledge(defaultKnowledgePaths(configDir));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("loadKnowledge: the campaign's languages", () => {
  it("posts reminders in every language the campaign lists that has reminder texts", () => {
    copyConfig();
    edit("campaign.yaml", (t) => t.replace("languages: [de]", "languages: [de, en]"));
    const knowledge = loadKnowledge(defaultKnowledgePaths(dir));
    expect(knowledge.campaigns[0]?.reminders.languages).toEqual(["de", "en"]);
  });

  it("refuses a listed language without a file, or whose file has no reminder texts", () => {
    dir = configWithFixtureLanguages();
    edit("campaign.yaml", (t) => t.replace("languages: [de]", "languages: [de, xx]"));
    expect(problemsOf(dir)).toEqual([
      `${join(dir, "campaign.yaml")}: campaigns.0.reminders.languages: no lang/xx.yaml`,
    ]);
    edit("campaign.yaml", (t) => t.replace("languages: [de, xx]", "languages: [de, fr]"));
    // A French file without its reminder texts (all of them, from `reminders:` to the next key).
    edit("lang/fr.yaml", (t) => t.replace(/^reminders:\n(?: .*\n|#.*\n|\n)*/m, ""));
    const problems = problemsOf(dir);
    const fr = problems.filter((p) => p.startsWith(`${join(dir, "lang")}/fr.yaml: reminders.`));
    expect(fr[0]).toMatch(/reminders\.countdown: missing; campaign "meta-ai-2025" posts reminders in "fr"/);
  });
});

describe("loadKnowledge", () => {
  it("loads the project's knowledge base with every language file", () => {
    const knowledge = loadKnowledge(defaultKnowledgePaths(copyConfig()));
    expect([...knowledge.languages.keys()].sort()).toEqual([
      "de",
      "en",
      "es",
      "fr",
      "it",
      "nl",
      "pl",
      "pt",
      "sv",
    ]);
    expect(knowledge.campaigns[0]?.deadline).toBe("2025-05-26");
    expect(knowledge.timeZone).toBe("Europe/Berlin");
  });

  it("names the file, the key and the problem, all at once", () => {
    copyConfig();
    edit("campaign.yaml", (t) => t.replace('deadline: "2025-05-26"', 'deadline: "26.05.2025"'));
    edit("lang/en.yaml", (t) => t.replace(/^fallback:/m, "fallbak:"));
    const problems = problemsOf(dir);
    expect(
      problems.some((p) => p.includes("campaign.yaml: campaigns.0.deadline: expected a date as YYYY-MM-DD")),
    ).toBe(true);
    expect(problems.some((p) => p.includes("en.yaml") && p.includes("fallbak"))).toBe(true);
  });

  it("reports a rule that names an unknown concept", () => {
    copyConfig();
    edit("intents.yaml", (t) => t.replace("- [alt]", "- [alternatve]"));
    expect(problemsOf(dir)).toContainEqual(
      expect.stringContaining('intents.alternatives: concept "alternatve"'),
    );
  });

  it("reports a threads.echoes concept that no language file has (a typo would turn echoes off)", () => {
    copyConfig();
    edit("intents.yaml", (t) => t.replace("echoes: echo", "echoes: ecko"));
    expect(problemsOf(dir)).toContainEqual(expect.stringContaining('threads.echoes: concept "ecko"'));
  });

  it("reports an askedPlatform concept that no language file has", () => {
    copyConfig();
    edit("intents.yaml", (t) => t.replace("aside: [alt, instead,", "aside: [alt, insted,"));
    expect(problemsOf(dir)).toContainEqual(expect.stringContaining('askedPlatform.aside: concept "insted"'));
  });

  it("reports an addressing word order or opener guard naming an unknown concept or language", () => {
    copyConfig();
    edit("intents.yaml", (t) =>
      t
        .replace("{ first: ask_word, next: ask_verb }", "{ first: ask_wrod, next: ask_verb }")
        .replace("notAfter: subject", "notAfter: subjekt")
        .replace("next: subject, languages: [en]", "next: subject, languages: [eng]"),
    );
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(expect.stringContaining('addressing.inverted: concept "ask_wrod"'));
    expect(problems).toContainEqual(expect.stringContaining('addressing.opens: concept "subjekt"'));
    expect(problems).toContainEqual(
      expect.stringContaining('addressing.inverted.1.languages: "eng" has no language file'),
    );
  });

  it("reports a threads.nextQuestion that names no topic answer (thanks, the menu, a typo)", () => {
    copyConfig();
    edit("intents.yaml", (t) =>
      t.replace("status_post: [form_facebook, form_instagram]", "status_post: [form_facebok, thanks]"),
    );
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(expect.stringContaining("threads.nextQuestion.status_post.0"));
    expect(problems).toContainEqual(expect.stringContaining("threads.nextQuestion.status_post.1"));
    copyConfig();
    edit("intents.yaml", (t) =>
      t.replace("status_post: [form_facebook, form_instagram]", "thanks: [deadline]"),
    );
    expect(problemsOf(dir)).toContainEqual(
      expect.stringContaining(`threads.nextQuestion: Unrecognized key: "thanks"`),
    );
  });

  it("reports broken YAML with its line", () => {
    copyConfig();
    edit("intents.yaml", (t) => t.replace("- [alt]", "- [alt"));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/intents\.yaml: line \d+/));
  });

  it("reports a language file whose code does not match its name", () => {
    copyConfig();
    edit("lang/en.yaml", (t) => t.replace("language: en", "language: fr"));
    expect(problemsOf(dir)).toContainEqual(
      expect.stringContaining('"fr" does not match the file name en.yaml'),
    );
  });

  it("reports a note text whose name intents.yaml does not know (a typo would never be said)", () => {
    copyConfig();
    edit("lang/en.yaml", (t) => t.replace(/^ {2}no_form:/m, "  no_from:"));
    expect(problemsOf(dir)).toContainEqual(
      expect.stringMatching(
        /en\.yaml: notes\.no_from: no note of that name in .*intents\.yaml \(notes there: no_form, /,
      ),
    );
  });

  it("reports a note rule that names an unknown concept", () => {
    copyConfig();
    edit("intents.yaml", (t) => t.replace("- [private]", "- [privat]"));
    expect(problemsOf(dir)).toContainEqual(
      expect.stringContaining('notes.public_only.rules: concept "privat"'),
    );
  });

  it("refuses a language among the others that has a language file", () => {
    copyConfig();
    edit("intents.yaml", (t) => t.replace(/^otherLanguages:\n/m, "otherLanguages:\n  pl: [jak]\n"));
    expect(problemsOf(dir)).toContainEqual(
      expect.stringMatching(
        /otherLanguages\.pl: pl has a language file; its words belong in that file's markers/,
      ),
    );
  });

  it("loads a language file without notes: its replies leave them out", () => {
    copyConfig();
    edit("lang/en.yaml", (t) => t.replace(/^notes:\n(?: {2}.*\n)+/m, ""));
    const knowledge = loadKnowledge(defaultKnowledgePaths(dir));
    expect(knowledge.languages.get("en")?.notes).toEqual({});
    expect(Object.keys(knowledge.languages.get("de")?.notes ?? {})).toContain("no_form");
  });

  it("reports an unknown time zone", () => {
    copyConfig();
    edit("campaign.yaml", (t) => t.replace("timeZone: Europe/Berlin", "timeZone: Europe/Bonn"));
    expect(problemsOf(dir)).toContainEqual(expect.stringContaining('"Europe/Bonn" is not an IANA time zone'));
  });
});

describe("loadKnowledge and answer templates", () => {
  it("rejects an answer with an unknown placeholder at load time", () => {
    copyConfig();
    edit("lang/de.yaml", (t) => t.replace("Formular: {facebookForm}", "Formular: {facebookFrom}"));
    expect(problemsOf(dir)).toContainEqual(expect.stringContaining("{facebookFrom}"));
  });

  it("leaves a reminder's length to the instance's limit: 600 characters load", () => {
    copyConfig();
    edit("lang/de.yaml", (t) => t.replace(/^( {2}countdown: \|-\n)/m, `$1    ${"Lang. ".repeat(100)}\n`));
    const knowledge = loadKnowledge(defaultKnowledgePaths(dir));
    expect(knowledge.languages.get("de")?.reminders.countdown?.length).toBeGreaterThan(600);
  });
});
