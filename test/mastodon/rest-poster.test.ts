import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRestAPIClient, type mastodon } from "masto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RestStatusPoster } from "../../src/mastodon/rest-poster.js";
import { USER_AGENT } from "../../src/mastodon/user-agent.js";
import {
  ApiRequestError,
  ClientError,
  NetworkError,
  RateLimitedError,
  ServerError,
} from "../../src/outbox/errors.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";

const START = Date.parse("2025-05-20T10:00:00.000Z");
let clock = START;
let fake: FakeMastodon;
let poster: RestStatusPoster;

function clientFor(url: string, token: string, timeout = 10_000): mastodon.rest.Client {
  return createRestAPIClient({
    url,
    accessToken: token,
    timeout,
    requestInit: { headers: { "User-Agent": USER_AGENT } },
  });
}

beforeEach(async () => {
  clock = START;
  fake = await startFakeMastodon({
    now: () => new Date(clock),
    faultResetMs: 90_000,
    limits: { statuses: { limit: 300, windowMs: 3 * 3_600_000 } },
  });
  poster = new RestStatusPoster({ client: clientFor(fake.url, fake.token), now: () => new Date(clock) });
});

afterEach(async () => {
  await fake.close();
});

async function rejection(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw new Error(`expected an ApiRequestError, got ${String(error)}`);
  }
  throw new Error("expected a rejection");
}

const reply = (inReplyToId: string | null, text = "@ann hallo") => ({
  text,
  inReplyToId,
  visibility: "unlisted" as const,
  language: "de",
  idempotencyKey: "reply:1:0",
});

describe("RestStatusPoster.createStatus", () => {
  it("posts with the Idempotency-Key and returns the id and the rate-limit headers", async () => {
    fake.addAccount({ username: "ann" });
    const { status } = fake.mention("ann", "Frage");
    const created = await poster.createStatus(reply(status.id));

    expect(fake.posted[0]).toMatchObject({
      id: created.id,
      text: "@ann hallo",
      inReplyToId: status.id,
      visibility: "unlisted",
      language: "de",
      idempotencyKey: "reply:1:0",
    });
    expect(fake.requestsTo("/api/v1/statuses", "POST")[0]?.headers["user-agent"]).toBe(USER_AGENT);
    // Windows of 3 h are aligned to UTC: 09:00-12:00.
    expect(created.rateLimit).toEqual({
      limit: 300,
      remaining: 299,
      resetAt: new Date("2025-05-20T12:00:00.000Z"),
    });
  });

  it("sends no in_reply_to_id for a top-level post", async () => {
    await poster.createStatus(reply(null, "Noch 3 Tage"));
    expect(fake.posted[0]?.inReplyToId).toBeNull();
    expect(fake.requestsTo("/api/v1/statuses", "POST")[0]?.body.in_reply_to_id).toBeUndefined();
  });

  it("turns a 429 into RateLimitedError with the ISO reset", async () => {
    fake.failNext(1, 429);
    const error = await rejection(poster.createStatus(reply(null)));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(START + 90_000));
    expect((error as RateLimitedError).rateLimit?.remaining).toBe(0);
    expect(error.cause).toBeDefined();
  });

  it("turns 5xx into ServerError and other 4xx into ClientError with the server's message", async () => {
    fake.failNext(1, 503);
    const server = await rejection(poster.createStatus(reply(null)));
    expect(server).toBeInstanceOf(ServerError);
    expect(server.status).toBe(503);

    const client = await rejection(poster.createStatus(reply(null, "x".repeat(501))));
    expect(client).toBeInstanceOf(ClientError);
    expect((client as ClientError).serverMessage).toBe(
      "Validation failed: Text character limit of 500 exceeded",
    );
    expect((client as ClientError).targetGone).toBe(false);
  });

  it("reports a deleted reply target as a 404 ClientError", async () => {
    fake.addAccount({ username: "ann" });
    const { status } = fake.mention("ann", "Frage");
    fake.deleteStatus(status.id);
    const error = await rejection(poster.createStatus(reply(status.id)));
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).targetGone).toBe(true);
  });

  it("turns a refused connection and a timeout into NetworkError", async () => {
    const closed = await startFakeMastodon();
    const url = closed.url;
    await closed.close();
    const refused = new RestStatusPoster({ client: clientFor(url, "t") });
    const error = await rejection(refused.createStatus(reply(null)));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/fetch failed \(ECONNREFUSED\)/);

    fake.switches.latencyMs = 300;
    const impatient = new RestStatusPoster({ client: clientFor(fake.url, fake.token, 20) });
    const timeout = await rejection(impatient.createStatus(reply(null)));
    expect(timeout).toBeInstanceOf(NetworkError);
    expect(timeout.message).toMatch(/timed out/);
  });

  it("turns an aborted request into NetworkError", async () => {
    fake.switches.latencyMs = 300;
    const abort = new AbortController();
    const pending = poster.createStatus(reply(null), abort.signal);
    abort.abort(new Error("stopping"));
    expect(await rejection(pending)).toBeInstanceOf(NetworkError);
  });

  it("turns a non-JSON error page (a proxy's 502) into NetworkError", async () => {
    const proxy = createServer((_req, res) => {
      res.writeHead(502, { "Content-Type": "text/html" });
      res.end("<html><body>Bad Gateway</body></html>");
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const port = (proxy.address() as AddressInfo).port;
      const behindProxy = new RestStatusPoster({ client: clientFor(`http://127.0.0.1:${port}`, "t") });
      const error = await rejection(behindProxy.createStatus(reply(null)));
      expect(error).toBeInstanceOf(NetworkError);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});

describe("RestStatusPoster.favourite", () => {
  it("favourites and returns the rate-limit headers", async () => {
    fake.addAccount({ username: "ann" });
    const { status } = fake.mention("ann", "Danke!");
    const result = await poster.favourite(status.id);
    expect(fake.favourites.map((f) => f.statusId)).toEqual([status.id]);
    expect(result.rateLimit?.limit).toBeGreaterThan(0);
  });
});

describe("RestStatusPoster.findOwnPost: replies", () => {
  it("finds the bot's own reply among the descendants and ignores other people's", async () => {
    fake.addAccount({ username: "ann" });
    fake.addAccount({ username: "ben" });
    const { status } = fake.mention("ann", "Frage");
    fake.post("ben", "@ann me too", { inReplyTo: status.id });
    const query = {
      inReplyToId: status.id,
      botAccountId: fake.bot.id,
      queuedAt: new Date(clock),
      text: "@ann Antwort & mehr",
    };
    expect(await poster.findOwnPost(query)).toBeNull();

    const created = await poster.createStatus({ ...reply(status.id, "@ann Antwort & mehr") });
    expect(await poster.findOwnPost(query)).toBe(created.id);
  });

  it("prefers the reply whose text matches when the bot answered twice", async () => {
    fake.addAccount({ username: "ann" });
    const { status } = fake.mention("ann", "Frage");
    await poster.createStatus({ ...reply(status.id, "@ann erste Antwort"), idempotencyKey: "a" });
    const second = await poster.createStatus({
      ...reply(status.id, "@ann zweite Antwort"),
      idempotencyKey: "b",
    });
    const query = {
      inReplyToId: status.id,
      botAccountId: fake.bot.id,
      queuedAt: new Date(clock),
      text: "@ann zweite Antwort",
    };
    expect(await poster.findOwnPost(query)).toBe(second.id);
  });

  it("does not count the bot's reply to another status", async () => {
    fake.addAccount({ username: "ann" });
    const { status } = fake.mention("ann", "Frage");
    const mine = await poster.createStatus(reply(status.id, "@ann eins"));
    // A reply to the bot's own reply is in the mention's context, but answers another status.
    await poster.createStatus({ ...reply(mine.id, "@ann zwei"), idempotencyKey: "b" });
    const query = {
      inReplyToId: mine.id,
      botAccountId: fake.bot.id,
      queuedAt: new Date(clock),
      text: "@ann drei",
    };
    expect(await poster.findOwnPost(query)).not.toBe(mine.id);
    const gone = { inReplyToId: "999999", botAccountId: fake.bot.id, queuedAt: new Date(clock), text: "x" };
    expect(await rejection(poster.findOwnPost(gone))).toBeInstanceOf(ClientError);
  });
});

describe("RestStatusPoster.findOwnPost: top-level posts", () => {
  const HOUR = 3_600_000;
  const topLevel = (text: string, idempotencyKey: string) =>
    poster.createStatus({ text, inReplyToId: null, visibility: "public", language: "de", idempotencyKey });
  const query = (text: string, queuedAt: number) => ({
    inReplyToId: null,
    botAccountId: fake.bot.id,
    text,
    queuedAt: new Date(queuedAt),
  });

  it("finds the bot's status with the text, allowing for a server clock three hours behind", async () => {
    fake.addAccount({ username: "ann" });
    const { status } = fake.mention("ann", "Frage");
    await poster.createStatus(reply(status.id, "Noch 3 Tage"));
    expect(await poster.findOwnPost(query("Noch 3 Tage", clock))).toBeNull();

    const created = await topLevel("Noch 3 Tage", "r1");
    expect(await poster.findOwnPost(query("Noch 3 Tage", clock + 3 * HOUR))).toBe(created.id);
    expect(await poster.findOwnPost(query("Noch 3 Tage", clock + 3 * HOUR + 1))).toBeNull();
    expect(await poster.findOwnPost(query("Noch 2 Tage", clock))).toBeNull();
  });

  it("pages back through newer posts, and stops at the first one older than the margin", async () => {
    const wanted = await topLevel("@ann Willkommen!", "g-ann");
    for (let i = 0; i < 45; i += 1) await topLevel(`Nummer ${i}`, `n${i}`);
    const path = `/api/v1/accounts/${fake.bot.id}/statuses`;

    expect(await poster.findOwnPost(query("@ann Willkommen!", clock))).toBe(wanted.id);
    expect(fake.requestsTo(path, "GET")).toHaveLength(2);
    // Not there: two pages and the empty one that ends the list.
    expect(await poster.findOwnPost(query("@bob Willkommen!", clock))).toBeNull();
    expect(fake.requestsTo(path, "GET")).toHaveLength(5);

    clock += 4 * HOUR;
    expect(await poster.findOwnPost(query("@ann Willkommen!", clock))).toBeNull();
    expect(fake.requestsTo(path, "GET")).toHaveLength(6);
  });
});
