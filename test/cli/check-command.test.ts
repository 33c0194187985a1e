import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { runCheck } from "../../src/cli/check-command.js";
import type { Environment } from "../../src/config/env.js";
import { loadEnvironment } from "../../src/config/env-file.js";
import { loadStartupConfig } from "../../src/config/load-startup-config.js";
import { ConfigError } from "../../src/domain/errors.js";
import { configWithEnglishKeyword, configWithFixtureLanguages } from "../support/config-copy.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";

const BEFORE_DEADLINE = new Date("2025-05-20T10:00:00+02:00");
const AFTER_CAMPAIGN = new Date("2026-01-10T10:00:00+01:00");

let fake: FakeMastodon | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function check(env: Environment, now = BEFORE_DEADLINE) {
  const lines: string[] = [];
  const code = await runCheck([], {
    env: { CONFIG_DIR: "config", ...env },
    now,
    logger: pino({ level: "silent" }),
    write: (line) => lines.push(line),
    timeoutMs: 5_000,
  });
  return { code, lines, text: lines.join("\n") };
}

const live = (f: FakeMastodon, token = f.token): Environment => ({
  MASTODON_URL: f.url,
  MASTODON_ACCESS_TOKEN: token,
});

/** What main.ts's start-up throws for `env`, before it would exit with it (undefined: none). */
function botStartUpError(env: Environment): Error | undefined {
  try {
    loadStartupConfig(loadEnvironment(env));
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** Requests that could change something on the server. */
const writes = (f: FakeMastodon) => f.requests.filter((r) => r.method !== "GET");

describe("check with credentials", () => {
  it("passes with a good token: ✓ lines, limits, policy, the plan, exit 0, nothing sent", async () => {
    fake = await startFakeMastodon({ notificationPolicy: { forPrivateMentions: "accept" } });
    const { code, lines, text } = await check(live(fake));
    expect(code).toBe(0);
    expect(lines).toContain(`✓ token: acts as @optout (account id ${fake.bot.id})`);
    expect(text).toMatch(/✓ scopes: "read write" covers everything/);
    expect(text).toContain("✓ instance: 4.3.0 (/api/v2/instance): 500 characters per post, a link counts 23");
    expect(text).toContain(`✓ streaming: ${fake.streamingUrl}`);
    expect(text).toMatch(/✓ notification policy: .*for_private_mentions=accept/);
    expect(text).toMatch(/✓ reminders: all \d+ posts fit one post each/);
    expect(text).toContain("next at 2025-05-23T09:00+02:00 (countdown, de)");
    expect(text).toContain("replies: unlisted to public and unlisted mentions");
    expect(text).not.toMatch(/^✗/m);
    expect(writes(fake)).toEqual([]);
    expect(fake.posted).toHaveLength(0);
  });

  it("fails with a bad token: ✗ naming MASTODON_ACCESS_TOKEN, exit 1", async () => {
    fake = await startFakeMastodon();
    const { code, text } = await check(live(fake, "wrong-token"));
    expect(code).toBe(1);
    expect(text).toMatch(/^✗ MASTODON_ACCESS_TOKEN: the server refused the token \(.*401/m);
    // The public instance is still read, so the limits are reported.
    expect(text).toContain("✓ instance: 4.3.0");
  });

  it("does not describe replies and reminders for a bot that would stop at start-up", async () => {
    fake = await startFakeMastodon();
    const { text } = await check(live(fake, "wrong-token"));
    expect(text).toContain("nothing: it stops at start-up until the server accepts MASTODON_ACCESS_TOKEN");
    expect(text).not.toContain("replies: unlisted to public and unlisted mentions");
  });

  it("reports a missing write:statuses scope and exits 1", async () => {
    fake = await startFakeMastodon({
      scopes: ["read", "write:notifications", "write:favourites", "write:accounts"],
    });
    const { code, text } = await check(live(fake));
    expect(code).toBe(1);
    expect(text).toMatch(/^✗ scope missing: write:statuses, to post replies and reminders$/m);
    expect(text).not.toContain("scope missing: read:");
  });

  it("falls back to /api/v1/instance when v2 answers 404, with a warning", async () => {
    fake = await startFakeMastodon({ switches: { instanceV2: "404" }, maxCharacters: 1000 });
    const { code, text } = await check(live(fake));
    expect(code).toBe(0);
    expect(text).toMatch(/^! instance: 4\.3\.0 read from \/api\/v1\/instance .*1000 characters per post/m);
    expect(text).toContain("Texts (1000 characters per post");
    expect(fake.requests.some((r) => r.path === "/api/v1/instance")).toBe(true);
  });

  it("warns when private mentions from strangers are filtered", async () => {
    fake = await startFakeMastodon({ notificationPolicy: { forPrivateMentions: "filter" } });
    const { code, text } = await check(live(fake));
    expect(code).toBe(0);
    expect(text).toMatch(
      /^! notification policy: private mentions from accounts the bot does not follow are held back \(for_private_mentions=filter\)/m,
    );
    expect(text).toContain("setup-profile sets for_private_mentions=accept");
    expect(fake.policy.forPrivateMentions).toBe("filter");
  });

  it("says so when the server has no notification policy API", async () => {
    fake = await startFakeMastodon({ switches: { notificationPolicyApi: false } });
    const { code, text } = await check(live(fake));
    expect(code).toBe(0);
    expect(text).toMatch(/^✓ notification policy: the server has no policy API/m);
  });

  it("warns about a profile setup-profile has not set yet, and about a missing bot flag", async () => {
    fake = await startFakeMastodon({ bot: { bot: false } });
    const { text } = await check(live(fake));
    expect(text).toMatch(/^! bot flag: not set/m);
    expect(text).toMatch(/^! profile: bot flag, bio, fields not as wanted; run setup-profile/m);
  });

  it("says the deadline has passed once no reminder is left", async () => {
    fake = await startFakeMastodon();
    const { text } = await check(live(fake), AFTER_CAMPAIGN);
    expect(text).toContain("deadline passed (2025-05-26), none left");
  });

  it("fails a reminder that does not fit a small instance limit", async () => {
    fake = await startFakeMastodon({ maxCharacters: 200 });
    const { code, text } = await check(live(fake));
    expect(code).toBe(1);
    expect(text).toMatch(/^✗ .*de\.yaml: reminders\.countdown: .*limit 200/m);
    expect(text).toMatch(/^! answer needs a thread: /m);
  });

  it("reports an unreachable server", async () => {
    fake = await startFakeMastodon();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const { code, text } = await check({ MASTODON_URL: url, MASTODON_ACCESS_TOKEN: "test-token" });
    expect(code).toBe(1);
    expect(text).toMatch(/^✗ MASTODON_URL: cannot verify the token: .*is the server up\?/m);
  });
});

describe("check without credentials", () => {
  it("validates the files, says local mode and exits 0", async () => {
    const { code, text } = await check({});
    expect(code).toBe(0);
    expect(text).toContain("✓ settings: every variable is valid");
    expect(text).toContain("✓ knowledge: languages de, en");
    expect(text).toContain("✓ local mode");
    expect(text).toContain("mode: local");
  });
});

describe("check with invalid configuration", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("lists every problem, settings and knowledge files together, and exits 78 without connecting", async () => {
    fake = await startFakeMastodon();
    dir = mkdtempSync(join(tmpdir(), "check-"));
    const { code, lines } = await check({
      ...live(fake),
      REPLY_VISIBILITY: "everyone",
      HTTP_PORT: "99999",
      CAMPAIGN_FILE: join(dir, "missing.yaml"),
    });
    expect(code).toBe(78);
    const failures = lines.filter((l) => l.startsWith("✗ "));
    expect(failures.some((l) => l.includes("REPLY_VISIBILITY"))).toBe(true);
    expect(failures.some((l) => l.includes("HTTP_PORT"))).toBe(true);
    expect(failures.some((l) => l.includes("missing.yaml"))).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it("refuses misspelled credentials as the bot does (exit 78, same lines), not as local mode", async () => {
    const env = { MASTODON_SERVER: "https://social.example", MASTODON_TOKEN: "t" };
    const bot = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH, CONFIG_DIR: "config", ...env },
      input: "",
      encoding: "utf8",
    });
    const expected = "Expected: MASTODON_URL, MASTODON_ACCESS_TOKEN";
    const problems = [
      `MASTODON_SERVER: unknown variable; did you mean MASTODON_URL? ${expected}`,
      `MASTODON_TOKEN: unknown variable; did you mean MASTODON_ACCESS_TOKEN? ${expected}`,
    ];
    expect(bot.status).toBe(78);
    expect(bot.stderr).toBe(`Invalid configuration:\n${problems.map((p) => `  - ${p}\n`).join("")}`);
    const { code, lines } = await check(env);
    expect(code).toBe(78);
    expect(lines.filter((l) => l.startsWith("✗ "))).toEqual(problems.map((p) => `✗ ${p}`));
  });

  it('refuses a keyword the bot refuses (an "ab*" prefix), with the bot\'s line naming file and key', async () => {
    dir = configWithEnglishKeyword("ab*");
    const problem = `${join(dir, "lang")}/en.yaml: concepts.later: "ab*": a prefix needs at least 3 letters`;
    const env = { CONFIG_DIR: dir, MASTODON_URL: "", MASTODON_ACCESS_TOKEN: "" };
    // The bot's start-up, in this process: main.ts prints a ConfigError's message and exits 78,
    // as the test above checks across the process boundary.
    const bot = botStartUpError({ PATH: process.env.PATH, ...env });
    expect(bot).toBeInstanceOf(ConfigError);
    expect(`${bot?.message}\n`).toBe(`Invalid configuration:\n  - ${problem}\n`);
    const { code, lines } = await check(env);
    expect(code).toBe(78);
    expect(lines.filter((l) => l.startsWith("✗ "))).toEqual([`✗ ${problem}`]);
    expect(lines).not.toContain("✓ Ready.");
  });

  it("lists every language loaded", async () => {
    dir = configWithFixtureLanguages();
    const { code, text } = await check({ CONFIG_DIR: dir });
    expect(code).toBe(0);
    expect(text).toMatch(/✓ knowledge: languages de, en, .*fr.*pl/);
  });

  it("refuses a language file that lacks an answer, the menu or a plural form, naming file and key", async () => {
    dir = configWithFixtureLanguages();
    const file = join(dir, "lang", "pl.yaml");
    const text = readFileSync(file, "utf8")
      .replace(/^ {2}purpose:.*\n(?: {4}.*\n)*/m, "")
      .replace(/^fallback:.*\n(?: {2}.*\n)*/m, "")
      .replace(/ few: "[^"]*",/, "");
    writeFileSync(file, text);
    const { code, lines } = await check({ CONFIG_DIR: dir });
    expect(code).toBe(78);
    const failures = lines.filter((l) => l.startsWith("✗ "));
    expect(failures).toEqual([
      `✗ ${file}: answers.purpose: missing; every language file needs it (copy it from en.yaml and translate it)`,
      `✗ ${file}: fallback: missing; every language file needs it (copy it from en.yaml and translate it)`,
    ]);
    // Once the texts are back, the missing plural form is named too.
    writeFileSync(file, readFileSync("test/fixtures/lang/pl.yaml", "utf8").replace(/ few: "[^"]*",/, ""));
    const again = await check({ CONFIG_DIR: dir });
    expect(again.code).toBe(78);
    expect(again.lines.filter((l) => l.startsWith("✗ "))).toEqual([
      `✗ ${file}: formats.daysLeft.few: missing; pl-PL uses this form for 2, 3, 4… days`,
    ]);
  });
});
