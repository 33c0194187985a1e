import { afterEach, describe, expect, it } from "vitest";
import { createRestClient } from "../../src/mastodon/create-rest-client.js";
import { AccountApiError, createAccountApi } from "../../src/profile/account-api.js";
import { DEFAULT_PROFILE_LIMITS } from "../../src/profile/desired-profile.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";

let fake: FakeMastodon | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function api(options: Parameters<typeof startFakeMastodon>[0] = {}) {
  fake = await startFakeMastodon(options);
  return createAccountApi(createRestClient({ url: fake.url, accessToken: fake.token, timeoutMs: 5_000 }));
}

describe("createAccountApi", () => {
  it("reads the bot's account with its plain-text profile", async () => {
    const client = await api({ bot: { note: "hello & bye" } });
    fake!.bot.fields = [{ name: "Web", value: "https://example.org" }];
    expect(await client.verifyCredentials()).toEqual({
      id: fake!.bot.id,
      acct: "optout",
      bot: true,
      note: "hello & bye",
      fields: [{ name: "Web", value: "https://example.org" }],
    });
  });

  it("gives the application's scopes, and null when the server has no such endpoint", async () => {
    const client = await api({ scopes: ["read", "write:statuses"] });
    expect(await client.appScopes()).toEqual(["read", "write:statuses"]);
    fake!.failNext(1, 404, { pathPrefix: "/api/v1/apps" });
    expect(await client.appScopes()).toBeNull();
  });

  it("gives null for a server without the policy API and a typed error for a refused one", async () => {
    const client = await api({ switches: { notificationPolicyApi: false } });
    expect(await client.notificationPolicy()).toBeNull();
    fake!.switches.notificationPolicyApi = true;
    fake!.failNext(1, 403, { pathPrefix: "/api/v2/notifications/policy" });
    const error = await client.notificationPolicy().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountApiError);
    expect((error as AccountApiError).status).toBe(403);
  });

  it("changes only the policy key it is given", async () => {
    const client = await api();
    await client.updateNotificationPolicy({ forPrivateMentions: "accept" });
    expect(fake!.policy).toMatchObject({ forPrivateMentions: "accept", forLimitedAccounts: "filter" });
    const put = fake!.requestsTo("/api/v2/notifications/policy").find((r) => r.method !== "GET");
    expect(Object.keys(put?.body ?? {})).toEqual(["for_private_mentions"]);
  });

  it("falls back to Mastodon's profile limits when the instance does not report them", async () => {
    const client = await api({ switches: { instanceV2: "404" } });
    expect(await client.profileLimits()).toEqual(DEFAULT_PROFILE_LIMITS);
  });

  it("turns a refused connection into an AccountApiError without a status", async () => {
    const client = await api();
    await fake!.close();
    const error = await client.verifyCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountApiError);
    expect((error as AccountApiError).status).toBeUndefined();
    expect((error as Error).message).toMatch(/^cannot verify the token: /);
  });
});
