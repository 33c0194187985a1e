import { readFileSync } from "node:fs";
import { ConfigError } from "../domain/errors.js";
import { type IntentModel, parseIntentModel } from "../matcher/intent-model.js";

/**
 * Reads and validates the learned model file. Throws ConfigError naming the file and what to do:
 * an unreadable, broken or outdated model stops the bot like any other broken knowledge.
 */
export function loadIntentModel(path: string): IntentModel {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(
      [`${path}: cannot read the model file (${reason}); run \`npm run train\`, or set LEARNED_MODEL=false`],
      { cause: error },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      [`${path}: not valid JSON (${(error as Error).message}); run \`npm run train\` to write it again`],
      { cause: error },
    );
  }
  return parseIntentModel(raw, path);
}
