import { join } from "node:path";
import { type Environment, knowledgePathsFromEnv } from "../config/env.js";
import { projectRoot } from "../config/project-root.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { loadKnowledge } from "../knowledge/load-knowledge.js";

/** The project's own config/ folder, wherever the CLI is started from. */
export const PROJECT_CONFIG_DIR = join(projectRoot(), "config");

/**
 * Loads the knowledge base from the same files the bot would use (pass the environment merged
 * with `.env`, as the bot reads it): CONFIG_DIR (default: the project's config/ folder, so the
 * CLI works from any folder) and CAMPAIGN_FILE, RULES_FILE, LANGUAGE_DIR where set, so that
 * `ask` and `classify` show what the running bot answers. An empty variable means its default.
 */
export function loadCliKnowledge(env: Environment): Knowledge {
  return loadKnowledge(knowledgePathsFromEnv(env, PROJECT_CONFIG_DIR));
}
