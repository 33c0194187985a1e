import { createRestAPIClient, MastoHttpError, MastoTimeoutError, type mastodon } from "masto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countLikeMastodon, type FakeMastodon, startFakeMastodon } from "./fake-mastodon/index.js";

const START = Date.parse("2025-05-20T10:00:00.000Z");
let clock = START;
let fake: FakeMastodon;
let rest: mastodon.rest.Client;

beforeEach(async () => {
  clock = START;
  fake = await startFakeMastodon({ now: () => new Date(clock) });
  rest = createRestAPIClient({
    url: fake.url,
    accessToken: fake.token,
    requestInit: { headers: { "User-Agent": "optout-bot/0.1.0 (+https://example.invalid/optout)" } },
  });
});

afterEach(async () => {
  await fake.close();
});

async function caught(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

async function getJson(path: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(fake.url + path, { headers: { Authorization: `Bearer ${fake.token}` } });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe("instance", () => {
  it("advertises the streaming URL and status limits in v2 and v1", async () => {
    const v2 = await rest.v2.instance.fetch();
    expect(v2.configuration.urls.streaming).toBe(fake.streamingUrl);
    expect(fake.streamingUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(v2.configuration.statuses.maxCharacters).toBe(500);
    expect(v2.configuration.statuses.charactersReservedPerUrl).toBe(23);
    const v1 = await rest.v1.instance.fetch();
    expect(v1.urls.streamingApi).toBe(fake.streamingUrl);
  });

  it("imitates servers without v2 instance or without streaming", async () => {
    fake.switches.instanceV2 = "404";
    const missing = await caught(rest.v2.instance.fetch());
    expect(missing).toBeInstanceOf(MastoHttpError);
    expect((missing as MastoHttpError).statusCode).toBe(404);
    // masto resolves a text/html answer to undefined and throws on other non-JSON types.
    fake.switches.instanceV2 = "html";
    expect(await rest.v2.instance.fetch()).toBeUndefined();
    fake.switches.instanceV2 = "text";
    expect(await caught(rest.v2.instance.fetch())).not.toBeInstanceOf(MastoHttpError);
    fake.switches.streaming = "absent";
    const v1 = await rest.v1.instance.fetch();
    expect(v1.urls.streamingApi).toBeUndefined();
  });
});

describe("notifications", () => {
  it("pages forward with min_id and direction prev to every notification across an id length change", async () => {
    const alice = fake.addAccount({ username: "alice", domain: "remote.example" });
    const cursor = fake.mention(alice, "first").notification!.id;
    const later = Array.from({ length: 24 }, (_, i) => fake.mention(alice, `question ${i}`).notification!.id);
    expect(later.some((id) => id.length !== cursor.length)).toBe(true);

    const seen: string[] = [];
    const pages = rest.v1.notifications.list({ minId: cursor, limit: 10 }).setDirection("prev");
    for await (const page of pages) seen.push(...page.map((n) => n.id).reverse());
    expect(seen).toEqual(later);
  });

  it("answers max_id, since_id and limit like Mastodon, with absolute quoted Link headers", async () => {
    const bob = fake.addAccount({ username: "bob" });
    const ids = Array.from({ length: 12 }, () => fake.follow(bob)!.id);

    const first = await getJson("/api/v1/notifications?limit=5");
    expect((first.body as Array<{ id: string }>).map((n) => n.id)).toEqual(ids.slice(7).reverse());
    const link = first.headers.get("link");
    expect(link).toBe(
      `<${fake.url}/api/v1/notifications?limit=5&max_id=${ids[7]}>; rel="next", ` +
        `<${fake.url}/api/v1/notifications?limit=5&min_id=${ids[11]}>; rel="prev"`,
    );
    const older = await getJson(`/api/v1/notifications?limit=5&max_id=${ids[7]}`);
    expect((older.body as Array<{ id: string }>).map((n) => n.id)).toEqual(ids.slice(2, 7).reverse());
    const since = await getJson(`/api/v1/notifications?limit=3&since_id=${ids[0]}`);
    expect((since.body as Array<{ id: string }>).map((n) => n.id)).toEqual(ids.slice(9).reverse());
    const empty = await getJson(`/api/v1/notifications?min_id=${ids[11]}`);
    expect(empty.body).toEqual([]);
    expect(empty.headers.get("link")).toBeNull();

    for (let i = 0; i < 80; i += 1) fake.follow(bob);
    const clamped = await getJson("/api/v1/notifications?limit=500");
    expect((clamped.body as unknown[]).length).toBe(80);
  });

  it("filters by types[] and exclude_types[], unless told to ignore them (and min_id, since_id)", async () => {
    const carol = fake.addAccount({ username: "carol" });
    fake.follow(carol);
    const mention = fake.mention(carol, "hallo").notification!;
    const mentions = await rest.v1.notifications.list({ types: ["mention"] });
    expect(mentions.map((n) => n.id)).toEqual([mention.id]);
    const noFollows = await rest.v1.notifications.list({ excludeTypes: ["follow"] });
    expect(noFollows.map((n) => n.type)).toEqual(["mention"]);
    fake.switches.ignoreParams = { types: true, minId: true, sinceId: true };
    expect(await rest.v1.notifications.list({ types: ["mention"] })).toHaveLength(2);
    expect(await rest.v1.notifications.list({ minId: mention.id })).toHaveLength(2);
    expect(await rest.v1.notifications.list({ sinceId: mention.id })).toHaveLength(2);
  });

  it("holds back private mentions from strangers under the 4.3 policy until it is changed", async () => {
    const dave = fake.addAccount({ username: "dave", domain: "elsewhere.example" });
    const held = fake.mention(dave, "psst", { visibility: "direct" }).notification!;
    expect(held.filtered).toBe(true);
    expect(await rest.v1.notifications.list()).toEqual([]);
    const policy = await rest.v2.notifications.policy.update({ forPrivateMentions: "accept" });
    expect(policy.forPrivateMentions).toBe("accept");
    const open = fake.mention(dave, "psst again", { visibility: "direct" }).notification!;
    expect((await rest.v1.notifications.list()).map((n) => n.id)).toEqual([open.id]);
  });

  it("serves a malformed acct for an account when told to", async () => {
    const erin = fake.addAccount({ username: "erin", domain: "remote.example" });
    fake.switches.servedAcct[erin.id] = "erin @victim@evil.example #spam";
    fake.mention(erin, "hallo");
    const [n] = await rest.v1.notifications.list();
    expect(n!.account.acct).toBe("erin @victim@evil.example #spam");
    expect(n!.status!.account.acct).toBe("erin @victim@evil.example #spam");
  });

  it("cuts the next notification pages short when told to, then answers whole pages again", async () => {
    const erin = fake.addAccount({ username: "erin" });
    fake.mention(erin, "hallo");
    fake.switches.truncateNotificationPages = 1;
    const cut = await fetch(`${fake.url}/api/v1/notifications`, {
      headers: { Authorization: `Bearer ${fake.token}` },
    });
    expect(cut.status).toBe(200);
    const text = await cut.text();
    expect(text).toContain("hallo");
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect((await getJson("/api/v1/notifications")).body).toHaveLength(1);
  });

  it("dismisses one notification and hides those of deleted statuses", async () => {
    const erin = fake.addAccount({ username: "erin" });
    const a = fake.mention(erin, "one");
    const b = fake.mention(erin, "two");
    expect(await rest.v1.notifications.$select(a.notification!.id).dismiss()).toEqual({});
    fake.deleteStatus(b.status.id);
    expect(await rest.v1.notifications.list()).toEqual([]);
  });
});

describe("mention content", () => {
  it("renders Mastodon's HTML: escaped text, paragraphs, h-card mentions, hashtags and links", async () => {
    const alice = fake.addAccount({ username: "alice", domain: "remote.example" });
    const text =
      "Hallo <b> & 'x' @nobody\nzweite Zeile\n\n#Instagram https://www.example.com/a/very/long/path/that/goes/on";
    const { status } = fake.mention(alice, text, { language: "de" });
    const u = fake.url;
    expect(status.content).toBe(
      `<p><span class="h-card" translate="no"><a href="${u}/@optout" class="u-url mention">@<span>optout</span></a></span>` +
        " Hallo &lt;b&gt; &amp; &#39;x&#39; @nobody<br />zweite Zeile</p>" +
        `<p><a href="${u}/tags/instagram" class="mention hashtag" rel="tag">#<span>Instagram</span></a> ` +
        '<a href="https://www.example.com/a/very/long/path/that/goes/on" target="_blank" rel="nofollow noopener" translate="no">' +
        '<span class="invisible">https://www.</span><span class="ellipsis">example.com/a/very/long/path/t</span>' +
        '<span class="invisible">hat/goes/on</span></a></p>',
    );
    const fetched = await rest.v1.statuses.$select(status.id).fetch();
    expect(fetched.mentions).toEqual([
      { id: fake.bot.id, username: "optout", url: `${u}/@optout`, acct: "optout" },
    ]);
    expect(fetched.tags.map((t) => t.name)).toEqual(["instagram"]);
    expect(fetched.account.acct).toBe("alice@remote.example");
    expect(fetched.language).toBe("de");
  });
});

describe("posting", () => {
  it("returns the same status for a repeated Idempotency-Key within an hour, a new one after", async () => {
    const meta = { requestInit: { headers: { "Idempotency-Key": "reply:1:0" } } };
    const first = await rest.v1.statuses.create({ status: "hallo", visibility: "unlisted" }, meta);
    const again = await rest.v1.statuses.create({ status: "anders" }, meta);
    expect(again.id).toBe(first.id);
    expect(fake.posted).toHaveLength(1);
    expect(fake.posted[0]).toMatchObject({
      text: "hallo",
      visibility: "unlisted",
      idempotencyKey: "reply:1:0",
    });
    const posts = fake.requestsTo("/api/v1/statuses", "POST");
    expect(posts.map((r) => r.headers["user-agent"])).toEqual([
      "optout-bot/0.1.0 (+https://example.invalid/optout)",
      "optout-bot/0.1.0 (+https://example.invalid/optout)",
    ]);
    clock += 3_600_001;
    const later = await rest.v1.statuses.create({ status: "hallo" }, meta);
    expect(later.id).not.toBe(first.id);
    fake.switches.honourIdempotency = false;
    const ignored = await rest.v1.statuses.create({ status: "hallo" }, meta);
    expect(ignored.id).not.toBe(later.id);
  });

  it("answers 429 with readable X-RateLimit headers when the posting budget is spent", async () => {
    fake.limits.statuses = { limit: 2, windowMs: 3 * 3_600_000 };
    await rest.v1.statuses.create({ status: "eins" });
    await rest.v1.statuses.create({ status: "zwei" });
    const error = await caught(rest.v1.statuses.create({ status: "drei" }));
    expect(error).toBeInstanceOf(MastoHttpError);
    const http = error as MastoHttpError;
    expect(http.statusCode).toBe(429);
    expect(http.message).toBe("Too many requests");
    const headers = (http.cause as Response).headers;
    expect(headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(headers.get("X-RateLimit-Limit")).toBe("2");
    expect(headers.get("X-RateLimit-Reset")).toBe("2025-05-20T12:00:00.000000Z");
    clock = Date.parse("2025-05-20T12:00:00.000Z");
    await expect(rest.v1.statuses.create({ status: "drei" })).resolves.toMatchObject({
      content: "<p>drei</p>",
    });
  });

  it("counts length like Mastodon and answers 422 over the limit", async () => {
    const url = `https://example.com/${"x".repeat(200)}`;
    const exact = `${"👨‍👩‍👧".repeat(200)} ${url} @someone@far.away.example ${"é".repeat(266)}`;
    expect(countLikeMastodon(exact)).toBe(500);
    await expect(rest.v1.statuses.create({ status: exact })).resolves.toBeDefined();
    const error = await caught(rest.v1.statuses.create({ status: `${exact}!` }));
    expect((error as MastoHttpError).statusCode).toBe(422);
    expect((error as MastoHttpError).message).toBe("Validation failed: Text character limit of 500 exceeded");
    expect(fake.posted).toHaveLength(1);
  });

  it("threads replies in the context, favourites, and answers 404 for deleted targets", async () => {
    const alice = fake.addAccount({ username: "alice" });
    const { status } = fake.mention(alice, "danke!");
    const reply = await rest.v1.statuses.create({
      status: "@alice gern",
      inReplyToId: status.id,
      visibility: "direct",
    });
    expect(reply.inReplyToAccountId).toBe(alice.id);
    expect(fake.posted[0]?.mentions).toEqual(["alice"]);
    const context = await rest.v1.statuses.$select(status.id).context.fetch();
    expect(context.descendants.map((s) => s.id)).toEqual([reply.id]);
    const faved = await rest.v1.statuses.$select(status.id).favourite();
    expect(faved.favourited).toBe(true);
    expect(fake.favourites).toMatchObject([{ statusId: status.id, repeated: false }]);

    fake.deleteStatus(status.id);
    const fav = await caught(rest.v1.statuses.$select(status.id).favourite());
    expect((fav as MastoHttpError).statusCode).toBe(404);
    const late = await caught(rest.v1.statuses.create({ status: "@alice", inReplyToId: status.id }));
    expect((late as MastoHttpError).statusCode).toBe(404);
  });
});

describe("reading one status", () => {
  it("shows the bot's own replies and others' public posts with the real shape", async () => {
    const alice = fake.addAccount({ username: "alice" });
    const { status } = fake.mention(alice, "wo bei Facebook?", { language: "de" });
    const reply = await rest.v1.statuses.create({
      status: "@alice hier",
      inReplyToId: status.id,
      language: "de",
    });
    const own = await rest.v1.statuses.$select(reply.id).fetch();
    expect(own).toMatchObject({
      id: reply.id,
      inReplyToId: status.id,
      language: "de",
      account: { id: fake.bot.id },
    });
    expect(own.content).toContain("hier");
    const theirs = await rest.v1.statuses.$select(status.id).fetch();
    expect(theirs).toMatchObject({ id: status.id, visibility: "public", account: { id: alice.id } });
  });

  it("answers 404 for a private or direct post the bot may not see, as Mastodon does", async () => {
    const alice = fake.addAccount({ username: "alice" });
    const followersOnly = fake.post(alice, "nur für Follower", { visibility: "private" });
    const direct = fake.post(alice, "@bob geheim", { visibility: "direct" });
    for (const id of [followersOnly.id, direct.id]) {
      const hidden = await caught(rest.v1.statuses.$select(id).fetch());
      expect((hidden as MastoHttpError).statusCode).toBe(404);
    }
    fake.botFollows(alice);
    expect((await rest.v1.statuses.$select(followersOnly.id).fetch()).id).toBe(followersOnly.id);
  });

  it("fails every read with 503 while switched to fail", async () => {
    const alice = fake.addAccount({ username: "alice" });
    const { status } = fake.mention(alice, "hallo");
    fake.switches.statusFetch = "fail";
    const failed = await caught(rest.v1.statuses.$select(status.id).fetch());
    expect((failed as MastoHttpError).statusCode).toBe(503);
  });
});

describe("accounts", () => {
  it("updates the profile from multipart with bracket keys; fields replace the list; more than 4 is 422", async () => {
    const field = (n: number) => ({ name: `Link ${n}`, value: `https://example.com/${n}` });
    const updated = await rest.v1.accounts.updateCredentials({
      bot: true,
      note: "Ich beantworte Fragen",
      fieldsAttributes: [field(1), field(2)],
    });
    expect(updated.bot).toBe(true);
    expect(updated.source.note).toBe("Ich beantworte Fragen");
    expect(updated.source.fields.map((f) => f.name)).toEqual(["Link 1", "Link 2"]);
    const replaced = await rest.v1.accounts.updateCredentials({ fieldsAttributes: [field(3)] });
    expect(replaced.source.fields.map((f) => f.name)).toEqual(["Link 3"]);
    const error = await caught(
      rest.v1.accounts.updateCredentials({ fieldsAttributes: [1, 2, 3, 4, 5].map(field) }),
    );
    expect((error as MastoHttpError).statusCode).toBe(422);
    expect(fake.bot.fields).toEqual([field(3)]);
  });

  it("reports relationships and rejects a bad token with 401", async () => {
    const frank = fake.addAccount({ username: "frank" });
    fake.follow(frank);
    const [rel] = await rest.v1.accounts.relationships.fetch({ id: [frank.id] });
    expect(rel).toMatchObject({ id: frank.id, followedBy: true, following: false });
    const stranger = createRestAPIClient({ url: fake.url, accessToken: "wrong" });
    const error = await caught(stranger.v1.accounts.verifyCredentials());
    expect((error as MastoHttpError).statusCode).toBe(401);
  });

  it("lists an account's statuses newest first, 20 by default, at most 40, paged by id", async () => {
    const alice = fake.addAccount({ username: "alice" });
    const { status: mention } = fake.mention(alice, "hallo");
    const post = (status: string, inReplyToId?: string) =>
      rest.v1.statuses.create({ status, visibility: "direct", ...(inReplyToId ? { inReplyToId } : {}) });
    const top = await post("Erinnerung");
    const reply = await post("@alice hallo", mention.id);
    const selfReply = await post("2/2", top.id);
    for (let i = 0; i < 40; i += 1) await post(`Nummer ${i}`);
    const list = (params: mastodon.rest.v1.ListAccountStatusesParams) =>
      rest.v1.accounts.$select(fake.bot.id).statuses.list(params);

    expect(await list({})).toHaveLength(20);
    expect(await list({ limit: 100 })).toHaveLength(40);
    const oldest = await list({ maxId: (await list({ limit: 40 }))[39]?.id ?? "", limit: 40 });
    expect(oldest.map((s) => s.id)).toEqual([selfReply.id, reply.id, top.id]);
    const withoutReplies = await list({
      maxId: oldest[0]?.id ?? "",
      excludeReplies: true,
      excludeReblogs: true,
    });
    expect(withoutReplies.map((s) => s.id)).toEqual([top.id]);
    const afterTop = await list({ minId: top.id, limit: 2, excludeReplies: true });
    expect(afterTop.map((s) => s.content)).toEqual(["<p>Nummer 0</p>", "<p>2/2</p>"]);
    // since_id keeps the newest side: the self-reply just after `reply` falls off.
    expect((await list({ sinceId: reply.id, limit: 40 })).at(-1)?.content).toBe("<p>Nummer 0</p>");
    expect(await rest.v1.accounts.$select(alice.id).statuses.list()).toMatchObject([{ id: mention.id }]);
    const missing = await caught(rest.v1.accounts.$select("404404").statuses.list());
    expect((missing as MastoHttpError).statusCode).toBe(404);
  });
});

describe("fault switches", () => {
  it("fails the next requests with 500 or 429, optionally only on one path", async () => {
    fake.failNext(2, 500);
    for (let i = 0; i < 2; i += 1) {
      expect((await caught(rest.v1.accounts.verifyCredentials())) as MastoHttpError).toMatchObject({
        statusCode: 500,
      });
    }
    await expect(rest.v1.accounts.verifyCredentials()).resolves.toMatchObject({ username: "optout" });

    fake.failNext(1, 429, { pathPrefix: "/api/v1/statuses" });
    await expect(rest.v1.accounts.verifyCredentials()).resolves.toBeDefined();
    const storm = (await caught(rest.v1.statuses.create({ status: "x" }))) as MastoHttpError;
    expect(storm.statusCode).toBe(429);
    expect((storm.cause as Response).headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(fake.posted).toHaveLength(0);
  });

  it("can fail after the request took effect, leaving the outcome unknown to the client", async () => {
    const meta = { requestInit: { headers: { "Idempotency-Key": "k1" } } };
    fake.failNext(1, 503, { pathPrefix: "/api/v1/statuses", when: "after" });
    const error = (await caught(rest.v1.statuses.create({ status: "vielleicht" }, meta))) as MastoHttpError;
    expect(error.statusCode).toBe(503);
    expect(fake.posted.map((p) => p.text)).toEqual(["vielleicht"]);
    const retried = await rest.v1.statuses.create({ status: "vielleicht" }, meta);
    expect(retried.id).toBe(fake.posted[0]?.id);
    expect(fake.posted).toHaveLength(1);
  });

  it("delays answers by latencyMs after the request took effect", async () => {
    fake.switches.latencyMs = 5_000;
    const impatient = createRestAPIClient({ url: fake.url, accessToken: fake.token, timeout: 50 });
    const error = await caught(impatient.v1.statuses.create({ status: "langsam" }));
    expect(error).toBeInstanceOf(MastoTimeoutError);
    expect(fake.posted.map((p) => p.text)).toEqual(["langsam"]);
  });
});
