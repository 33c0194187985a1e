import { join, resolve } from "node:path";
import { projectRoot } from "../config/project-root.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { defaultKnowledgePaths, loadKnowledge } from "../knowledge/load-knowledge.js";

/** The project's own config/ folder, wherever the CLI is started from. */
export const PROJECT_CONFIG_DIR = join(projectRoot(), "config");

/**
 * Loads the knowledge base from the same files the bot would use: CONFIG_DIR (default: the
 * project's config/ folder) and CAMPAIGN_FILE, RULES_FILE, LANGUAGE_DIR where set, so that `ask`
 * and `classify` show what the running bot answers. An empty variable means its default.
 */
export function loadCliKnowledge(env: NodeJS.ProcessEnv = process.env): Knowledge {
  const defaults = defaultKnowledgePaths(env.CONFIG_DIR ? resolve(env.CONFIG_DIR) : PROJECT_CONFIG_DIR);
  return loadKnowledge({
    campaignFile: env.CAMPAIGN_FILE || defaults.campaignFile,
    rulesFile: env.RULES_FILE || defaults.rulesFile,
    languageDir: env.LANGUAGE_DIR || defaults.languageDir,
  });
}
