import { afterEach, describe, expect, it } from "vitest";
import { runSetupProfile } from "../../src/cli/setup-profile-command.js";
import type { Environment } from "../../src/config/env.js";
import { ConfigError } from "../../src/domain/errors.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";

const LANGUAGES = "Deutsch, English, español, français, italiano, Nederlands, polski, português, svenska";

const FACEBOOK = "https://www.facebook.com/help/contact/6359191084165019";
const INSTAGRAM = "https://help.instagram.com/contact/767264225370182";

let fake: FakeMastodon | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(f: FakeMastodon, args: string[] = [], env: Environment = {}) {
  const lines: string[] = [];
  const code = await runSetupProfile(args, {
    env: { CONFIG_DIR: "config", MASTODON_URL: f.url, MASTODON_ACCESS_TOKEN: f.token, ...env },
    write: (line) => lines.push(line),
    timeoutMs: 5_000,
  });
  return { code, lines, text: lines.join("\n") };
}

/** Requests that change something: the profile PATCH and the policy PUT/PATCH. */
const changes = (f: FakeMastodon) => f.requests.filter((r) => r.method !== "GET");

describe("setup-profile", () => {
  it("sets the bot flag, the bilingual bio, the form and language fields and accepts private mentions", async () => {
    fake = await startFakeMastodon({ bot: { bot: false, note: "old bio" } });
    const { code, text } = await setup(fake);
    expect(code).toBe(0);
    expect(fake.bot.bot).toBe(true);
    // Multipart turns line breaks into CRLF on the wire (and Mastodon keeps them): compare without.
    expect(fake.bot.note.replace(/\r\n/g, "\n")).toMatch(
      /^Bot: Ich beantworte Fragen.*\n\nBot: I answer questions/,
    );
    expect([...fake.bot.note].length).toBeLessThanOrEqual(500);
    expect(fake.bot.fields).toEqual([
      { name: "Facebook", value: FACEBOOK },
      { name: "Instagram", value: INSTAGRAM },
      { name: "Sprachen · Languages", value: LANGUAGES },
    ]);
    expect(fake.policy.forPrivateMentions).toBe("accept");
    // Only the key the bot needs; the rest of the policy stays as it was.
    expect(fake.policy.forLimitedAccounts).toBe("filter");
    const patch = fake.requests.find((r) => r.path === "/api/v1/accounts/update_credentials");
    expect(Object.keys(patch?.body ?? {}).sort()).toEqual([
      "bot",
      "fields_attributes[0][name]",
      "fields_attributes[0][value]",
      "fields_attributes[1][name]",
      "fields_attributes[1][value]",
      "fields_attributes[2][name]",
      "fields_attributes[2][value]",
      "note",
    ]);
    expect(text).toContain("✓ set bot flag");
    expect(text).toContain("✓ notification policy: for_private_mentions=accept");
  });

  it("changes nothing on the second run: no PATCH, no policy update", async () => {
    fake = await startFakeMastodon({ bot: { bot: false } });
    await setup(fake);
    const before = changes(fake).length;
    const { code, text } = await setup(fake);
    expect(code).toBe(0);
    expect(changes(fake)).toHaveLength(before);
    expect(text).toContain("✓ profile: bot flag, bio and form-link fields already set; nothing to change");
    expect(text).toContain("✓ notification policy: private mentions already accepted");
  });

  it("sends only what differs and never an undefined key", async () => {
    fake = await startFakeMastodon();
    await setup(fake);
    fake.bot.note = "edited by hand";
    const { code } = await setup(fake);
    expect(code).toBe(0);
    const last = changes(fake).at(-1);
    expect(last?.path).toBe("/api/v1/accounts/update_credentials");
    expect(Object.keys(last?.body ?? {})).toEqual(["note"]);
    expect(Object.values(last?.body ?? {}).flat()).not.toContain("undefined");
  });

  it("keeps the operator's own fields and sends the complete list", async () => {
    fake = await startFakeMastodon();
    fake.bot.fields = [
      { name: "Website", value: "https://example.org" },
      { name: "instagram", value: "https://old.example/form" },
    ];
    await setup(fake);
    expect(fake.bot.fields).toEqual([
      { name: "Website", value: "https://example.org" },
      { name: "Instagram", value: INSTAGRAM },
      { name: "Facebook", value: FACEBOOK },
      { name: "Sprachen · Languages", value: LANGUAGES },
    ]);
  });

  it("refuses when the account's own fields leave no room, sending nothing", async () => {
    fake = await startFakeMastodon();
    fake.bot.fields = ["A", "B", "C", "D"].map((name) => ({ name, value: "x" }));
    const { code, text } = await setup(fake);
    expect(code).toBe(1);
    expect(text).toMatch(
      /^✗ The profile would need 7 fields, the server allows 4: remove 3 of "A", "B", "C", "D"/m,
    );
    expect(changes(fake)).toEqual([]);
  });

  it("prints what would change on a dry run and sends nothing", async () => {
    fake = await startFakeMastodon({ bot: { bot: false } });
    const { code, text } = await setup(fake, ["--dry-run"]);
    expect(code).toBe(0);
    expect(changes(fake)).toEqual([]);
    expect(fake.bot.bot).toBe(false);
    expect(text).toContain("would set bot flag");
    expect(text).toContain(
      `would set fields: Facebook = ${FACEBOOK}; Instagram = ${INSTAGRAM}; Sprachen · Languages = ${LANGUAGES}`,
    );
    expect(text).toContain("would set notification policy: for_private_mentions=accept");
    expect(text).toContain("Dry run: nothing was sent.");
  });

  it("still sets the profile when the server has no policy API, and says the policy was skipped", async () => {
    fake = await startFakeMastodon({ switches: { notificationPolicyApi: false } });
    const { code, text } = await setup(fake);
    expect(code).toBe(0);
    expect(fake.bot.fields).toHaveLength(3);
    expect(fake.bot.note).toContain("Bot: I answer questions");
    expect(text).toMatch(/^! notification policy: the server has no policy API .*skipped/m);
    expect(changes(fake).map((r) => r.path)).toEqual(["/api/v1/accounts/update_credentials"]);
  });

  it("warns about other policy settings that hold strangers back, and leaves them alone", async () => {
    fake = await startFakeMastodon({ notificationPolicy: { forNotFollowing: "filter" } });
    const { text } = await setup(fake);
    expect(text).toMatch(
      /^! notification policy: mentions from accounts the bot does not follow are held back/m,
    );
    expect(fake.policy.forNotFollowing).toBe("filter");
  });

  it("reports a token without write:accounts (403) with exit 1", async () => {
    fake = await startFakeMastodon();
    fake.failNext(1, 403, { pathPrefix: "/api/v1/accounts/update_credentials" });
    const { code, text } = await setup(fake);
    expect(code).toBe(1);
    expect(text).toMatch(
      /^✗ cannot update the profile: HTTP 403 .*the token needs read:accounts and write:accounts$/m,
    );
  });

  it("fails with exit 1 on a bad token, sending nothing", async () => {
    fake = await startFakeMastodon();
    const { code, text } = await setup(fake, [], { MASTODON_ACCESS_TOKEN: "wrong" });
    expect(code).toBe(1);
    expect(text).toMatch(/^✗ cannot verify the token: HTTP 401/m);
    expect(changes(fake)).toEqual([]);
  });

  it("needs credentials: a ConfigError (exit 78)", async () => {
    fake = await startFakeMastodon();
    await expect(setup(fake, [], { MASTODON_URL: "", MASTODON_ACCESS_TOKEN: "" })).rejects.toThrow(
      ConfigError,
    );
  });
});
