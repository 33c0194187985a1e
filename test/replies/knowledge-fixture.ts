import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { ConfigError } from "../../src/domain/errors.js";
import { campaignFileSchema } from "../../src/knowledge/campaign-schema.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { answersSchema, formatsSchema, type LanguageFile } from "../../src/knowledge/language-schema.js";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";

const CONFIG_DIR = "config";

/** Problems of the real config that are not about the matcher's part (rules, concepts, markers). */
export function replyProblems(problems: readonly string[]): string[] {
  const paths = defaultKnowledgePaths(CONFIG_DIR);
  return problems.filter(
    (p) => !p.startsWith(paths.rulesFile) && !/: (concepts|markers)(\.|:)/.test(p) && !/concept "/.test(p),
  );
}

/**
 * The real knowledge from `config/`. While the matcher's rules and concepts are still being
 * written, loading can fail for them alone; then the answer part is read straight from the files,
 * so the composer's tests depend only on the campaign, answers and fallback.
 */
export function realKnowledge(): Knowledge {
  const paths = defaultKnowledgePaths(CONFIG_DIR);
  try {
    return loadKnowledge(paths);
  } catch (error) {
    if (!(error instanceof ConfigError) || replyProblems(error.problems).length > 0) throw error;
  }
  const campaignFile = campaignFileSchema.parse(readYamlFile(paths.campaignFile));
  const answerPart = z.object({
    language: z.string(),
    formats: formatsSchema,
    answers: answersSchema,
    fallback: z.string().min(1),
  });
  const languages = new Map<string, LanguageFile>();
  for (const name of readdirSync(paths.languageDir).filter((f) => f.endsWith(".yaml"))) {
    const parsed = answerPart.parse(readYamlFile(join(paths.languageDir, name)));
    languages.set(parsed.language, {
      ...parsed,
      markers: [],
      concepts: {},
      reminders: {},
      notes: {},
    } as LanguageFile);
  }
  return {
    timeZone: campaignFile.timeZone,
    campaigns: campaignFile.campaigns,
    languages,
    // Of the matcher's rules the composer reads only which answer each note goes with.
    rules: { notes: {} } as unknown as Knowledge["rules"],
  };
}

function readYamlFile(path: string): unknown {
  return parseYaml(readFileSync(path, "utf8"));
}
