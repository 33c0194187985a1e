import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError } from "../domain/errors.js";
import { BUILT_IN_CONCEPTS } from "../matcher/built-in-concepts.js";
import { validateReminderTexts } from "../reminders/plan-reminders.js";
import { validateAnswerTemplates } from "../replies/validate-answer-templates.js";
import { type CampaignFile, campaignFileSchema } from "./campaign-schema.js";
import type { Knowledge } from "./knowledge.js";
import { type LanguageFile, languageFileSchema } from "./language-schema.js";
import { type RulesFile, rulesFileSchema } from "./rules-schema.js";

export interface KnowledgePaths {
  /** YAML with the campaign facts (deadline, form links, reminder schedule). */
  readonly campaignFile: string;
  /** YAML combining concepts into intents. */
  readonly rulesFile: string;
  /** Folder with one `<language>.yaml` per language. */
  readonly languageDir: string;
  /** JSON model of the learned second opinion, written by `npm run train`. */
  readonly modelFile: string;
}

export function defaultKnowledgePaths(configDir: string): KnowledgePaths {
  return {
    campaignFile: join(configDir, "campaign.yaml"),
    rulesFile: join(configDir, "intents.yaml"),
    languageDir: join(configDir, "lang"),
    modelFile: join(configDir, "intent-model.json"),
  };
}

/**
 * Reads and validates every knowledge file. All problems across all files are collected and
 * thrown as one ConfigError, each naming the file, the key and what is wrong.
 */
export function loadKnowledge(paths: KnowledgePaths): Knowledge {
  const problems: string[] = [];
  const campaignFile = readYaml(paths.campaignFile, campaignFileSchema, problems);
  const rules = readYaml(paths.rulesFile, rulesFileSchema, problems);
  const languages = new Map<string, LanguageFile>();
  for (const file of listLanguageFiles(paths.languageDir, problems)) {
    const path = join(paths.languageDir, file);
    const lang = readYaml(path, languageFileSchema, problems, MISSING_IN_LANGUAGE_FILE);
    if (!lang) continue;
    if (`${lang.language}.yaml` !== file) {
      problems.push(`${path}: language: "${lang.language}" does not match the file name ${file}`);
    }
    languages.set(lang.language, lang);
  }
  if (campaignFile && rules) problems.push(...crossCheck(paths, campaignFile, rules, languages));
  if (problems.length > 0 || !campaignFile || !rules) throw new ConfigError(problems);
  const knowledge = { timeZone: campaignFile.timeZone, campaigns: campaignFile.campaigns, languages, rules };
  // Placeholders are checked now, so a typo in an answer fails at start-up, not at send time.
  // A reminder's length is checked later, against the instance's real limit (the scheduler,
  // `check`): a 600-character text is fine on a server that allows 1,000.
  const templateProblems = [
    ...validateAnswerTemplates(knowledge, paths.languageDir),
    ...validateReminderTexts(knowledge, paths.languageDir, { maxCharacters: Number.POSITIVE_INFINITY }),
  ];
  if (templateProblems.length > 0) throw new ConfigError(templateProblems);
  return knowledge;
}

function listLanguageFiles(dir: string, problems: string[]): string[] {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort();
    if (files.length === 0) problems.push(`${dir}: no <language>.yaml file found`);
    return files;
  } catch (error) {
    problems.push(`${dir}: cannot read the language folder (${(error as Error).message})`);
    return [];
  }
}

/** Every language answers every question: a text one file lacks, the others have. */
const MISSING_IN_LANGUAGE_FILE =
  "missing; every language file needs it (copy it from en.yaml and translate it)";

function readYaml<S extends z.ZodType>(
  path: string,
  schema: S,
  problems: string[],
  missing = "missing",
): z.infer<S> | undefined {
  let raw: unknown;
  try {
    const doc = parseDocument(readFileSync(path, "utf8"));
    const yamlProblems = [...doc.errors, ...doc.warnings];
    for (const p of yamlProblems) {
      const message = p.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      problems.push(`${path}: line ${p.linePos?.[0].line ?? "?"}: ${message}`);
    }
    if (yamlProblems.length > 0) return undefined;
    raw = doc.toJS();
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message.split("\n")[0]}`);
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    const absent = issue.path.length > 0 && valueAt(raw, issue.path) === undefined;
    problems.push(`${path}: ${key}: ${absent ? missing : issue.message}`);
  }
  return undefined;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let here = value;
  for (const key of path) {
    if (typeof here !== "object" || here === null) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

function crossCheck(
  paths: KnowledgePaths,
  campaignFile: CampaignFile,
  rules: RulesFile,
  languages: ReadonlyMap<string, LanguageFile>,
): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(campaignFile.timeZone)) {
    problems.push(`${paths.campaignFile}: timeZone: "${campaignFile.timeZone}" is not an IANA time zone`);
  }
  // A language with a file is answered in; listing it among the others would make it a stranger.
  for (const code of Object.keys(rules.otherLanguages))
    if (languages.has(code))
      problems.push(
        `${paths.rulesFile}: otherLanguages.${code}: ${code} has a language file; its words belong in that file's markers`,
      );
  const concepts = new Set([
    ...BUILT_IN_CONCEPTS,
    ...[...languages.values()].flatMap((l) => Object.keys(l.concepts)),
  ]);
  const named: [string, string][] = [
    ["negation.concept", rules.negation.concept],
    ...rules.negation.cancels.map((c): [string, string] => ["negation.cancels", c]),
    ...rules.masks.flatMap((m, i): [string, string][] => [
      [`masks.${i}.concept`, m.concept],
      [`masks.${i}.near`, m.near],
    ]),
  ];
  const { addressing, context, threads, askedPlatform } = rules;
  for (const [key, list] of [
    ["addressing.asks", addressing.asks],
    ["addressing.asksAlone", addressing.asksAlone],
    [
      "addressing.opens",
      addressing.opens.flatMap((o) => (o.notAfter === undefined ? [o.concept] : [o.concept, o.notAfter])),
    ],
    ["addressing.inverted", addressing.inverted.flatMap((pair) => [pair.first, pair.next])],
    ["addressing.shares", addressing.shares === undefined ? [] : [addressing.shares]],
    ["context.needsTopic", context.needsTopic],
    ["context.topic", context.topic],
    ["threads.carry", threads.carry],
    ["threads.echoes", threads.echoes === undefined ? [] : [threads.echoes]],
    ["askedPlatform.aside", askedPlatform.aside],
    ["askedPlatform.keepsBoth", askedPlatform.keepsBoth],
  ] as const)
    for (const name of list) named.push([key, name]);
  for (const section of ["intents", "fallbacks"] as const) {
    for (const [intent, intentRules] of Object.entries(rules[section])) {
      for (const term of (intentRules ?? []).flat())
        named.push([`${section}.${intent}`, term.replace(/^not /, "")]);
    }
  }
  for (const [note, { rules: noteRules }] of Object.entries(rules.notes)) {
    for (const term of noteRules.flat()) named.push([`notes.${note}.rules`, term.replace(/^not /, "")]);
  }
  for (const [key, name] of named) {
    if (!concepts.has(name))
      problems.push(`${paths.rulesFile}: ${key}: concept "${name}" is in no language file`);
  }
  // A word order read only in a language without a file would never be read.
  rules.addressing.inverted.forEach((pair, i) => {
    for (const code of pair.languages ?? [])
      if (!languages.has(code))
        problems.push(
          `${paths.rulesFile}: addressing.inverted.${i}.languages: "${code}" has no language file (files: ${[...languages.keys()].join(", ")})`,
        );
  });
  // A note text in a language file answers to a note of intents.yaml; a typo would never be said.
  for (const [code, file] of languages) {
    for (const note of Object.keys(file.notes)) {
      if (!Object.hasOwn(rules.notes, note)) {
        const known = Object.keys(rules.notes).join(", ") || "none";
        problems.push(
          `${join(paths.languageDir, `${code}.yaml`)}: notes.${note}: no note of that name in ${paths.rulesFile} (notes there: ${known})`,
        );
      }
    }
  }
  campaignFile.campaigns.forEach((campaign, i) => {
    if (campaign.usageStarts <= campaign.deadline) {
      problems.push(`${paths.campaignFile}: campaigns.${i}.usageStarts: must be after the deadline`);
    }
    for (const lang of campaign.reminders.languages) {
      if (!languages.has(lang)) {
        problems.push(`${paths.campaignFile}: campaigns.${i}.reminders.languages: no lang/${lang}.yaml`);
      }
    }
  });
  return problems;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
