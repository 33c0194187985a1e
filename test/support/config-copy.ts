import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A copy of the project's config/ in a new temporary folder, with `keyword` added to the concept
 * `later` of lang/en.yaml. Returns the folder; the caller removes it.
 */
export function configWithEnglishKeyword(keyword: string): string {
  const dir = mkdtempSync(join(tmpdir(), "optout-config-"));
  cpSync("config", dir, { recursive: true });
  const file = join(dir, "lang", "en.yaml");
  const text = readFileSync(file, "utf8");
  if (!text.includes("  later: [later]\n"))
    throw new Error("config/lang/en.yaml no longer has `later: [later]`");
  writeFileSync(file, text.replace("  later: [later]\n", `  later: [later, "${keyword}"]\n`));
  return dir;
}
