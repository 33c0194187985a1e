import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
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
  // The list may be written on one line or over several: the keyword goes first either way.
  const later = /^ {2}later:(\s*)\[/m;
  if (!later.test(text)) throw new Error("config/lang/en.yaml no longer has a concept `later: [...]`");
  writeFileSync(
    file,
    text.replace(later, (opening) => `${opening}"${keyword}", `),
  );
  return dir;
}

/**
 * A copy of the project's config/ in a new temporary folder, plus the fixture language files of
 * test/fixtures/lang (French, Polish) that config/lang does not have yet. Returns the folder; the
 * caller removes it.
 */
export function configWithFixtureLanguages(): string {
  const dir = mkdtempSync(join(tmpdir(), "optout-config-"));
  cpSync("config", dir, { recursive: true });
  for (const file of readdirSync(FIXTURE_LANGUAGES)) {
    if (!existsSync(join(dir, "lang", file)))
      copyFileSync(join(FIXTURE_LANGUAGES, file), join(dir, "lang", file));
  }
  return dir;
}

const FIXTURE_LANGUAGES = "test/fixtures/lang";
