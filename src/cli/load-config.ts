import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Knowledge } from "../knowledge/knowledge.js";
import { defaultKnowledgePaths, loadKnowledge } from "../knowledge/load-knowledge.js";

/** The project's own config/ folder, wherever the CLI is started from. */
export const PROJECT_CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "config");

/** Loads the knowledge base from CONFIG_DIR, or from the project's config/ folder. */
export function loadCliKnowledge(env: NodeJS.ProcessEnv = process.env): Knowledge {
  const dir = env.CONFIG_DIR ? resolve(env.CONFIG_DIR) : PROJECT_CONFIG_DIR;
  return loadKnowledge(defaultKnowledgePaths(dir));
}
