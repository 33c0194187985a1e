import { ConfigError } from "../domain/errors.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { loadIntentModel } from "../knowledge/load-intent-model.js";
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
 * they name (with their template checks), compiles the matcher and loads its learned model
 * (unless `LEARNED_MODEL=false`): every check the bot makes
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
  const compiled = knowledge && collect(() => compileMatcher(knowledge, paths.languageDir), problems);
  // Read even when the settings have a problem, so a broken model is reported in the same pass.
  const useModel = settings?.learnedModel ?? true;
  const model = useModel ? collect(() => loadIntentModel(paths.modelFile), problems) : undefined;
  if (!settings || !knowledge || !compiled || (useModel && !model)) throw new ConfigError(problems);
  return { settings, knowledge, matcher: { ...compiled, model } };
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
