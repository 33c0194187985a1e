import { join } from "node:path";
import type { Environment } from "../config/env.js";
import { loadStartupConfig, type StartupConfig } from "../config/load-startup-config.js";
import { projectRoot } from "../config/project-root.js";

/** The project's own config/ folder, wherever the CLI is started from. */
const PROJECT_CONFIG_DIR = join(projectRoot(), "config");

/**
 * What `ask`, `classify` and `reminders` start from: the bot's own `loadStartupConfig` (pass the
 * environment merged with `.env`, as the bot reads it), so they refuse what the bot refuses and
 * answer as it answers. One difference: CONFIG_DIR, when unset or empty, is the project's
 * config/ folder rather than ./config, so that these commands work from any folder.
 */
export function loadCliConfig(env: Environment): StartupConfig {
  return loadStartupConfig({ ...env, CONFIG_DIR: env.CONFIG_DIR?.trim() || PROJECT_CONFIG_DIR });
}
