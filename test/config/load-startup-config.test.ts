import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadStartupConfig } from "../../src/config/load-startup-config.js";
import { ConfigError } from "../../src/domain/errors.js";
import { classify } from "../../src/matcher/classify.js";
import { configWithEnglishKeyword } from "../support/config-copy.js";
import { mentionHtml } from "../support/knowledge.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadStartupConfig", () => {
  it("returns the settings, the knowledge they name and the compiled matcher", () => {
    const { settings, knowledge, matcher } = loadStartupConfig({ REPLY_MAX_DELAY: "30m" });
    expect(settings.replyMaxDelayMs).toBe(30 * 60_000);
    expect(settings.mastodon).toBeUndefined();
    expect([...knowledge.languages.keys()]).toEqual(["de", "en", "es", "fr", "it", "nl", "pl", "pt", "sv"]);
    const mention = { content: mentionHtml("wie widerspreche ich bei insta?"), language: "de" };
    expect(classify(matcher, mention).intents).toEqual(["form_instagram"]);
  });

  it("lists the problems of the settings and of the knowledge files together", () => {
    const problems = problemsOf(() =>
      loadStartupConfig({ HTTP_PORT: "port", MASTODON_URL: "x", CAMPAIGN_FILE: "missing.yaml" }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^MASTODON_URL: /),
      expect.stringMatching(/^HTTP_PORT: /),
      expect.stringMatching(/^MASTODON_ACCESS_TOKEN: /),
      expect.stringMatching(/^missing\.yaml: /),
    ]);
  });

  it("refuses a keyword the matcher cannot use, naming the file and the key", () => {
    dir = configWithEnglishKeyword("ab*");
    expect(problemsOf(() => loadStartupConfig({ CONFIG_DIR: dir }))).toEqual([
      `${join(dir, "lang")}/en.yaml: concepts.later: "ab*": a prefix needs at least 3 letters`,
    ]);
  });
});
