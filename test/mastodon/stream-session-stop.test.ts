/** Stopping must not wait for a server that never answers the close handshake (ws waits 30 s). */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openMastoStream, type StreamSession } from "../../src/mastodon/stream-session.js";

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

let server: Server;
let peers: Socket[];
let url: string;
let session: StreamSession | undefined;

/** Accepts every upgrade (echoing the token subprotocol), then reads and ignores every frame. */
beforeEach(async () => {
  peers = [];
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket: Socket) => {
    peers.push(socket);
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
    socket.on("data", () => undefined);
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

describe("closing an open stream session", () => {
  it("cuts the socket within a second when the server never answers the close frame", async () => {
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
    await vi.waitFor(() => expect(opened).toBe(true), { timeout: 5_000 });
    // From here on ws's 30 s close timeout and our grace period only run when the test says so.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let end: unknown;
    void session.ended.then((e) => {
      end = e;
    });
    session.close();
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(end).toMatchObject({ opened: true, reason: "stopped" }));
  });
});
