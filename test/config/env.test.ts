import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/config/env.js";
import { ENV_DOCS, envSchema } from "../../src/config/env-schema.js";
import { ConfigError, EX_CONFIG } from "../../src/domain/errors.js";

const repoRoot = join(import.meta.dirname, "../..");

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    readSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("readSettings accepted an invalid environment");
}

describe("readSettings", () => {
  it("gives every documented default for an empty environment (local mode)", () => {
    const settings = readSettings({});
    expect(settings).toEqual({
      mastodon: undefined,
      dataDir: "./data",
      keepUnmatchedMs: 14 * 86_400_000,
      logLevel: "info",
      httpHost: "0.0.0.0",
      httpPort: 8080,
      replyVisibility: "unlisted",
      replyMaxDelayMs: 2 * 3_600_000,
      repliesPerAccountPerHour: 20,
      repliesPerHour: 80,
      menuCooldownMs: 24 * 3_600_000,
      replyToBots: false,
      reminderGraceMs: 3 * 3_600_000,
      greetFollowers: false,
      pollIntervalMs: 15_000,
      streamRetryIntervalMs: 300_000,
      configDir: "./config",
      learnedModel: true,
      knowledge: {
        campaignFile: join("./config", "campaign.yaml"),
        rulesFile: join("./config", "intents.yaml"),
        languageDir: join("./config", "lang"),
        modelFile: join("./config", "intent-model.json"),
      },
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it("reads every variable in its documented forms", () => {
    const settings = readSettings({
      MASTODON_URL: "https://social.example/",
      MASTODON_ACCESS_TOKEN: " tok-123 ",
      DATA_DIR: "/data",
      KEEP_UNMATCHED: "0",
      LOG_LEVEL: "DEBUG",
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: "0",
      REPLY_VISIBILITY: "public",
      REPLY_MAX_DELAY: "90s",
      REPLIES_PER_ACCOUNT_PER_HOUR: "5",
      REPLIES_PER_HOUR: "40",
      MENU_COOLDOWN: "1d",
      REPLY_TO_BOTS: "yes",
      REMINDER_GRACE: "15m",
      GREET_FOLLOWERS: "1",
      POLL_INTERVAL: "2500",
      STREAM_RETRY_INTERVAL: "2m",
      CONFIG_DIR: "/etc/optout",
      RULES_FILE: "/srv/rules.yaml",
    });
    expect(settings.mastodon).toEqual({ url: "https://social.example", accessToken: "tok-123" });
    expect(settings).toMatchObject({
      dataDir: "/data",
      keepUnmatchedMs: 0,
      logLevel: "debug",
      httpHost: "127.0.0.1",
      httpPort: 0,
      replyVisibility: "public",
      replyMaxDelayMs: 90_000,
      repliesPerAccountPerHour: 5,
      repliesPerHour: 40,
      menuCooldownMs: 86_400_000,
      replyToBots: true,
      reminderGraceMs: 900_000,
      greetFollowers: true,
      pollIntervalMs: 2_500,
      streamRetryIntervalMs: 120_000,
    });
    expect(settings.knowledge).toEqual({
      campaignFile: join("/etc/optout", "campaign.yaml"),
      rulesFile: "/srv/rules.yaml",
      languageDir: join("/etc/optout", "lang"),
      modelFile: join("/etc/optout", "intent-model.json"),
    });
  });

  it("treats an empty value as unset, as a blank line of .env means", () => {
    const settings = readSettings({ MASTODON_URL: "", MASTODON_ACCESS_TOKEN: " ", HTTP_PORT: "" });
    expect(settings.mastodon).toBeUndefined();
    expect(settings.httpPort).toBe(8080);
  });

  it("reports every problem in one message, each naming the variable and the expected form", () => {
    const error = configErrorOf({
      MASTODON_URL: "ftp://social.example",
      LOG_LEVEL: "loud",
      HTTP_PORT: "70000",
      REPLY_VISIBILITY: "direct",
      REPLY_MAX_DELAY: "soon",
      REPLIES_PER_ACCOUNT_PER_HOUR: "-1",
      REPLIES_PER_HOUR: "0",
      MENU_COOLDOWN: "1w",
      REPLY_TO_BOTS: "maybe",
      REMINDER_GRACE: "3 hours",
      GREET_FOLLOWERS: "2",
      POLL_INTERVAL: "0s",
      STREAM_RETRY_INTERVAL: "500",
      KEEP_UNMATCHED: "two weeks",
    });
    expect(error.problems).toHaveLength(15);
    const expectations: [string, string][] = [
      ["MASTODON_URL", "an http(s) URL"],
      ["MASTODON_ACCESS_TOKEN", "a token when MASTODON_URL is set"],
      ["LOG_LEVEL", "one of fatal, error, warn, info, debug, trace, silent"],
      ["HTTP_PORT", "a port number from 0 to 65535"],
      ["REPLY_VISIBILITY", "one of public, unlisted"],
      ["REPLY_MAX_DELAY", "a duration such as 90s"],
      ["REPLIES_PER_ACCOUNT_PER_HOUR", "a whole number"],
      ["REPLIES_PER_HOUR", "a whole number from 1 to 10000"],
      ["MENU_COOLDOWN", "a duration"],
      ["REPLY_TO_BOTS", "true or false"],
      ["REMINDER_GRACE", "a duration"],
      ["GREET_FOLLOWERS", "true or false"],
      ["POLL_INTERVAL", "a duration"],
      ["STREAM_RETRY_INTERVAL", "a duration from 1s"],
      ["KEEP_UNMATCHED", "a duration"],
    ];
    for (const [name, expected] of expectations) {
      expect(error.message).toMatch(new RegExp(`^  - ${name}: expected ${escapeRegExp(expected)}`, "m"));
    }
    expect(error.message).toContain('got "loud"');
  });

  it("never echoes the access token in an error", () => {
    const error = configErrorOf({ MASTODON_ACCESS_TOKEN: "s3cr3t-token" });
    expect(error.problems).toEqual([
      "MASTODON_URL: expected the server's URL when MASTODON_ACCESS_TOKEN is set (unset both for local mode)",
    ]);
    expect(JSON.stringify(error.problems)).not.toContain("s3cr3t");
  });

  it("rejects a URL with credentials or a query, which would leak or break API paths", () => {
    const error = configErrorOf({
      MASTODON_URL: "https://u:p@social.example/?x=1",
      MASTODON_ACCESS_TOKEN: "t",
    });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^MASTODON_URL: expected an http\(s\) URL/);
  });

  it("ignores variables it does not know", () => {
    expect(readSettings({ PATH: "/usr/bin", HOME: "/root" }).httpPort).toBe(8080);
  });

  it("refuses a misspelled credential instead of starting in local mode, and never echoes its value", () => {
    const error = configErrorOf({ MASTODON_SERVER: "https://social.example", MASTODON_TOKEN: "s3cr3t" });
    expect(error.problems).toEqual([
      expect.stringMatching(/^MASTODON_SERVER: unknown variable; did you mean MASTODON_URL\? Expected: /),
      expect.stringMatching(/^MASTODON_TOKEN: unknown variable; did you mean MASTODON_ACCESS_TOKEN\? /),
    ]);
    expect(error.message).not.toContain("s3cr3t");
  });

  it("exports the sysexits EX_CONFIG code", () => {
    expect(EX_CONFIG).toBe(78);
  });
});

describe(".env.example", () => {
  const lines = readFileSync(join(repoRoot, ".env.example"), "utf8").split("\n");
  const assignments = new Map<string, { value: string; comment: string }>();
  lines.forEach((line, index) => {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) assignments.set(match[1]!, { value: match[2]!.trim(), comment: lines[index - 1] ?? "" });
  });

  it("documents every variable of the schema, and nothing else, each after a comment line", () => {
    const schemaNames = Object.keys(envSchema.shape).sort();
    expect([...assignments.keys()].sort()).toEqual(schemaNames);
    for (const [name, { comment }] of assignments) {
      expect(comment, name).toMatch(/^# \S/);
    }
  });

  it("shows each default exactly as the code applies it", () => {
    for (const [name, doc] of Object.entries(ENV_DOCS)) {
      expect(assignments.get(name)?.value, name).toBe(doc.default ?? "");
    }
  });

  it("is itself a valid configuration (local mode)", () => {
    const env = Object.fromEntries([...assignments].map(([name, { value }]) => [name, value]));
    expect(readSettings(env).mastodon).toBeUndefined();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
