import { ConfigError } from "../domain/errors.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { loadKnowledge } from "../knowledge/load-knowledge.js";
import { type CompiledMatcher, compileMatcher } from "../matcher/compile-matcher.js";
import { type Environment, knowledgePathsFromEnv, readSettings } from "./env.js";
import type { Settings } from "./settings.js";

/** What every entry point reads once at start: settings, knowledge and the matcher, all checked. */
export interface StartupConfig {
  readonly settings: Settings;
  readonly knowledge: Knowledge;
  readonly matcher: CompiledMatcher;
}

/**
 * Reads the settings from `env` (the process environment merged with `.env`), the knowledge files
 * they name (with their template checks), and compiles the matcher: every check the bot makes
 * before it connects. The bot, `check`, `ask`, `classify` and `reminders` all start here, so none
 * accepts what another refuses. Throws one ConfigError listing every problem found, each naming
 * its variable, or its file and key.
 */
export function loadStartupConfig(env: Environment): StartupConfig {
  const problems: string[] = [];
  const settings = collect(() => readSettings(env), problems);
  // Settings with a problem still name the knowledge files, so both are reported at once.
  const paths = settings?.knowledge ?? knowledgePathsFromEnv(env);
  const knowledge = collect(() => loadKnowledge(paths), problems);
  const matcher = knowledge && collect(() => compileMatcher(knowledge, paths.languageDir), problems);
  if (!settings || !knowledge || !matcher) throw new ConfigError(problems);
  return { settings, knowledge, matcher };
}

function collect<T>(load: () => T, problems: string[]): T | undefined {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}
