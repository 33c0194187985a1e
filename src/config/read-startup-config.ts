import type { Knowledge } from "../knowledge/knowledge.js";
import { loadKnowledge } from "../knowledge/load-knowledge.js";
import { readSettings } from "./env.js";
import { loadEnvironment } from "./env-file.js";
import type { Settings } from "./settings.js";

/** What the bot reads once at start-up: its settings and its knowledge, both validated. */
export interface StartupConfig {
  readonly settings: Settings;
  readonly knowledge: Knowledge;
}

/**
 * Reads `env` merged with `.env`, then the knowledge files the settings name. Throws ConfigError
 * listing every problem of the first part that fails.
 */
export function readStartupConfig(env: NodeJS.ProcessEnv): StartupConfig {
  const settings = readSettings(loadEnvironment(env));
  return { settings, knowledge: loadKnowledge(settings.knowledge) };
}
