import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding the project's package.json, found by walking up from `from` (this module by
 * default). The same answer from src/ under tsx, from the bundled dist/main.js and from
 * dist/cli/main.js, so no caller counts "../" levels that bundling would change.
 */
export function projectRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json in any folder above ${from}`);
  }
}
