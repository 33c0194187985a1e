import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { ConfigError } from "../domain/errors.js";
import type { Environment } from "./env.js";

/**
 * The process environment merged with a `.env` file when one exists. Variables already set in the
 * environment win over the file, as with docker compose and dotenv, so an operator can override a
 * line of `.env` for one run. A missing file is not an error; an unreadable one is.
 */
export function loadEnvironment(env: Environment, envFile = ".env"): Environment {
  let content: string;
  try {
    content = readFileSync(envFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw new ConfigError([`${envFile}: cannot read the file (${(error as Error).message})`], {
      cause: error,
    });
  }
  const fromFile = parseEnv(content);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return merged;
}
