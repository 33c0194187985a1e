/**
 * Against a server that accepts the upgrade and then stays silent: stopping must not wait for its
 * close frame (ws waits 30 s), and a stream without pings is given up as half-open.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openMastoStream, type StreamSession } from "../../src/mastodon/stream-session.js";

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

let server: Server;
let peers: Socket[];
/** Bytes each peer received from the bot after the upgrade (a pong answers a ping). */
let received: number[];
let url: string;
let session: StreamSession | undefined;

/** Accepts every upgrade (echoing the token subprotocol), then reads and ignores every frame. */
beforeEach(async () => {
  peers = [];
  received = [];
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket: Socket) => {
    const index = peers.push(socket) - 1;
    received[index] = 0;
    const accept = createHash("sha1")
      .update(`${req.headers["sec-websocket-key"]}${WS_GUID}`)
      .digest("base64");
    const protocol = req.headers["sec-websocket-protocol"]?.split(",")[0]?.trim();
    socket.write(
      [
        "HTTP/1.1 101 Switching Protocols",
        "Upgrade: websocket",
        "Connection: Upgrade",
        `Sec-WebSocket-Accept: ${accept}`,
        ...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []),
        "",
        "",
      ].join("\r\n"),
    );
    socket.on("data", (chunk: Buffer) => {
      received[index] = (received[index] ?? 0) + chunk.length;
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  vi.useRealTimers();
  for (const peer of peers) peer.destroy();
  session?.close();
  await session?.ended;
  session = undefined;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Opens a session on the silent server; timers (ws's, masto's, ours) run only when the test says so. */
async function openSilent(): Promise<{ ended: () => unknown }> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  let opened = false;
  session = openMastoStream({
    streamingUrl: url,
    accessToken: "t",
    variant: { stream: "user:notification", tokenInQuery: false },
    onOpen: () => {
      opened = true;
    },
    onEvent: () => undefined,
  });
  await vi.advanceTimersByTimeAsync(1_000); // masto's pause before it connects
  await vi.waitFor(() => expect(opened).toBe(true), { timeout: 5_000 });
  let end: unknown;
  void session.ended.then((e) => {
    end = e;
  });
  return { ended: () => end };
}

describe("a half-open stream", () => {
  it("is cut after 90 s without a frame, so that the listener reconnects and catches up", async () => {
    const { ended } = await openSilent();
    await vi.advanceTimersByTimeAsync(89_000);
    expect(ended()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(ended()).toMatchObject({ opened: true, reason: "closed" }));
    expect(String((ended() as { message: string }).message)).toMatch(/no frame .* 90 s/);
  });

  it("is kept while the server pings", async () => {
    const { ended } = await openSilent();
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(60_000);
      const before = received[0] ?? 0;
      peers[0]?.write(Buffer.from([0x89, 0x00])); // ping, as Mastodon sends every 30 s
      await vi.waitFor(() => expect(received[0]).toBeGreaterThan(before)); // the pong
    }
    expect(ended()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(90_000);
    await vi.waitFor(() => expect(ended()).toMatchObject({ opened: true, reason: "closed" }));
  });
});

describe("closing an open stream session", () => {
  it("cuts the socket within a second when the server never answers the close frame", async () => {
    const { ended } = await openSilent();
    session?.close();
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(ended()).toMatchObject({ opened: true, reason: "stopped" }));
  });
});
