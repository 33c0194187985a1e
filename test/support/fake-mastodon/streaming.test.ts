import { createRestAPIClient, createStreamingAPIClient } from "masto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type FakeMastodon, startFakeMastodon } from "./index.js";

let fake: FakeMastodon;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  fake = await startFakeMastodon();
});

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await fake.close();
});

interface Frame {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

/** Opens a socket; rejects with the HTTP status and X-Error-Message of a refused upgrade. */
function open(query = "", protocols: string[] = []): Promise<WebSocket> {
  const ws = new WebSocket(`${fake.streamingUrl}/api/v1/streaming${query}`, protocols);
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`${res.statusCode} ${res.headers["x-error-message"] ?? ""}`.trim())),
    );
    ws.once("error", reject);
  });
}

function frames(ws: WebSocket, count: number): Promise<Frame[]> {
  const got: Frame[] = [];
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      got.push(JSON.parse(data.toString()) as Frame);
      if (got.length < count) return;
      ws.off("message", onMessage);
      resolve(got);
    };
    ws.on("message", onMessage);
  });
}

describe("streaming with the masto client", () => {
  it("delivers a mention to user.notification and the bot's own post to user, each tagged with its stream", async () => {
    const streaming = createStreamingAPIClient({
      streamingApiUrl: fake.streamingUrl,
      accessToken: fake.token,
      retry: 3,
    });
    const rest = createRestAPIClient({ url: fake.url, accessToken: fake.token });
    try {
      const notifications = streaming.user.notification.subscribe()[Symbol.asyncIterator]();
      const user = streaming.user.subscribe()[Symbol.asyncIterator]();
      const firstNotification = notifications.next();
      const userEvents = Promise.all([user.next(), user.next()]);
      await Promise.all([fake.waitForSubscription("user:notification"), fake.waitForSubscription("user")]);

      const alice = fake.addAccount({ username: "alice", domain: "remote.example" });
      const { status, notification } = fake.mention(alice, "Wie widerspreche ich?", { language: "de" });
      const reply = await rest.v1.statuses.create({
        status: "@alice@remote.example so",
        inReplyToId: status.id,
      });

      const { value: event } = await firstNotification;
      expect(event?.stream).toEqual(["user:notification"]);
      expect(event?.event).toBe("notification");
      if (event?.event !== "notification") throw new Error("expected a notification event");
      expect(event.payload.id).toBe(notification?.id);
      expect(event.payload.status?.inReplyToId).toBeNull();
      expect(event.payload.account.acct).toBe("alice@remote.example");

      const [first, second] = await userEvents;
      expect(first.value).toMatchObject({ stream: ["user"], event: "notification" });
      expect(second.value).toMatchObject({ stream: ["user"], event: "update", payload: { id: reply.id } });
      const upgrade = fake.requestsTo("/api/v1/streaming").find((r) => r.upgrade);
      expect(upgrade?.headers["sec-websocket-protocol"]).toBe(fake.token);
    } finally {
      streaming.close();
    }
  });
});

describe("streaming upgrades", () => {
  it("answers 401 with X-Error-Message for a bad or missing token", async () => {
    await expect(open("", ["wrong-token"])).rejects.toThrow("401 Invalid access token");
    await expect(open()).rejects.toThrow("401 Missing access token");
    expect(fake.requestsTo("/api/v1/streaming").map((r) => r.status)).toEqual([401, 401]);
  });

  it("echoes the token subprotocol, accepts query and header tokens, and dropStreams cuts the sockets", async () => {
    const byProtocol = await open("", [fake.token]);
    expect(byProtocol.protocol).toBe(fake.token);
    await open(`?access_token=${fake.token}`);
    const byHeader = new WebSocket(`${fake.streamingUrl}/api/v1/streaming`, {
      headers: { Authorization: `Bearer ${fake.token}` },
    });
    sockets.push(byHeader);
    await new Promise((resolve) => byHeader.once("open", resolve));
    const closed = new Promise<number>((resolve) => byProtocol.once("close", (code) => resolve(code)));

    expect(fake.dropStreams()).toBe(3);
    expect(await closed).toBe(1006);
    expect(fake.openStreams()).toBe(0);
    expect(fake.streamConnects()).toBe(3);
  });

  it("imitates servers without streaming, refusing the subprotocol token, or honouring only ?stream=", async () => {
    fake.switches.streaming = "absent";
    await expect(open("", [fake.token])).rejects.toThrow("404");

    fake.switches.streaming = "refuse-subprotocol";
    await expect(open("", [fake.token])).rejects.toThrow("401");
    await expect(open(`?access_token=${fake.token}`)).resolves.toBeDefined();

    fake.switches.streaming = "url-stream-only";
    const ignored = await open("", [fake.token]);
    ignored.send(JSON.stringify({ type: "subscribe", stream: "user:notification" }));
    const byUrl = await open("?stream=user:notification", [fake.token]);
    await fake.waitForSubscription("user:notification");
    const received = frames(byUrl, 1);
    const bob = fake.addAccount({ username: "bob" });
    fake.mention(bob, "hallo");
    expect((await received)[0]).toMatchObject({ stream: ["user:notification"], event: "notification" });
    expect(fake.openStreams()).toBe(3);
    expect(fake.subscribers("user:notification")).toBe(1);
  });

  it("streams edits, deletes and errors for unknown streams on the user stream", async () => {
    const carol = fake.addAccount({ username: "carol" });
    fake.botFollows(carol);
    const ws = await open("?stream=user", [fake.token]);
    await fake.waitForSubscription("user");
    const events = frames(ws, 5);
    const { status } = fake.mention(carol, "erste Fassung");
    fake.editStatus(status.id, "zweite Fassung");
    fake.deleteStatus(status.id);
    const got = await events;
    expect(got.map((f) => f.event)).toEqual([
      "update",
      "notification",
      "status.update",
      "notification",
      "delete",
    ]);
    expect(got.every((f) => f.stream?.[0] === "user")).toBe(true);
    expect(JSON.parse(got[2]?.payload ?? "{}")).toMatchObject({
      content: expect.stringContaining("zweite Fassung"),
    });
    expect(JSON.parse(got[3]?.payload ?? "{}")).toMatchObject({ type: "update" });
    expect(got[4]?.payload).toBe(status.id);

    const error = frames(ws, 1);
    ws.send(JSON.stringify({ type: "subscribe", stream: "nonsense" }));
    expect((await error)[0]).toEqual({ error: "Unknown stream type", status: 400 });
  });

  it("advertises a wrong streaming URL and answers subscriptions with error frames, as switched", async () => {
    const wrong = fake.url.replace("http:", "wss:");
    fake.switches.advertisedStreamingUrl = wrong;
    const instance = (await (await fetch(`${fake.url}/api/v2/instance`)).json()) as {
      configuration: { urls: { streaming: string } };
    };
    expect(instance.configuration.urls.streaming).toBe(wrong);

    fake.switches.streamErrorFrames = 1;
    const failing = await open("", [fake.token]);
    const errors = frames(failing, 2);
    failing.send(JSON.stringify({ type: "subscribe", stream: "user:notification" }));
    failing.send(JSON.stringify({ type: "subscribe", stream: "user" }));
    expect(await errors).toEqual([
      { error: "Internal server error", status: 500 },
      { error: "Internal server error", status: 500 },
    ]);
    expect(fake.switches.streamErrorFrames).toBe(0);
    const working = await open("?stream=user:notification", [fake.token]);
    await fake.waitForSubscription("user:notification");
    const transient = frames(working, 1);
    expect(fake.sendStreamError()).toBe(2);
    expect((await transient)[0]).toEqual({ error: "Internal server error", status: 500 });
    expect(fake.subscribers("user:notification")).toBe(1);
  });

  it("pings open sockets", async () => {
    await fake.close();
    fake = await startFakeMastodon({ pingIntervalMs: 20 });
    const ws = await open("", [fake.token]);
    const pinged = new Promise<boolean>((resolve) => ws.once("ping", () => resolve(true)));
    expect(await pinged).toBe(true);
  });
});
