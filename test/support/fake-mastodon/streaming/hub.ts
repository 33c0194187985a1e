/**
 * The streaming API at /api/v1/streaming (API notes §4): token from Authorization, access_token or
 * Sec-WebSocket-Protocol (echoed), 401 with X-Error-Message on a bad upgrade, JSON subscribe frames,
 * frames tagged with the exact subscribed stream, pings, and fault modes from the switches.
 */
import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import type { FakeApp } from "../app.js";
import { flattenHeaders } from "../http/server.js";
import type { RecordedRequest } from "../types.js";

const STREAMS = new Set([
  "user",
  "user:notification",
  "public",
  "public:local",
  "public:remote",
  "public:media",
  "hashtag",
  "hashtag:local",
  "list",
  "direct",
]);

interface Client {
  token: string;
  streams: Set<string>;
  alive: boolean;
  /** Every subscription is answered with an error frame (switch `streamErrorFrames`). */
  failing: boolean;
}

const ERROR_FRAME = JSON.stringify({ error: "Internal server error", status: 500 });

export type StreamEventName = "notification" | "update" | "status.update" | "delete";

export class StreamingHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Map<WebSocket, Client>();
  private readonly waiters: Array<{ stream: string; resolve: () => void }> = [];
  private readonly pinger: NodeJS.Timeout;
  /** Accepted upgrades since start. */
  connects = 0;

  constructor(
    private readonly app: FakeApp,
    private readonly requests: RecordedRequest[],
    pingIntervalMs: number,
  ) {
    this.pinger = setInterval(() => this.ping(), pingIntervalMs);
    this.pinger.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", this.app.baseUrl);
    const record = this.record(req, url);
    const refusal = this.refusal(req, url);
    if (refusal) {
      record.status = refusal.status;
      const reason = STATUS_CODES[refusal.status] ?? "Error";
      const extra = refusal.message ? `X-Error-Message: ${refusal.message}\r\n` : "";
      socket.end(
        `HTTP/1.1 ${refusal.status} ${reason}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    const token = this.token(req, url) ?? "";
    record.status = 101;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, token, url));
  }

  /** Sends one event to every socket subscribed to one of `streams`, tagged with that stream. */
  broadcast(event: StreamEventName, payload: string, streams: string[]): void {
    for (const [ws, client] of this.clients) {
      for (const stream of streams) {
        if (client.streams.has(stream)) ws.send(JSON.stringify({ stream: [stream], event, payload }));
      }
    }
  }

  /** Cuts every open socket without a close frame; returns how many were open. */
  drop(): number {
    const count = this.clients.size;
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
    return count;
  }

  /** Sends an error frame on every open socket, which stays open; returns how many got one. */
  sendError(): number {
    for (const ws of this.clients.keys()) ws.send(ERROR_FRAME);
    return this.clients.size;
  }

  /** Closes the sockets authenticated with `token` (a revoked token). */
  dropToken(token: string): void {
    for (const [ws, client] of this.clients) {
      if (client.token !== token) continue;
      ws.terminate();
      this.clients.delete(ws);
    }
  }

  openSockets(): number {
    return this.clients.size;
  }

  subscribers(stream: string): number {
    return [...this.clients.values()].filter((c) => c.streams.has(stream)).length;
  }

  /** Resolves once some socket is subscribed to `stream` (at once if one is). */
  waitForSubscription(stream: string): Promise<void> {
    if (this.subscribers(stream) > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ stream, resolve }));
  }

  close(): void {
    clearInterval(this.pinger);
    this.drop();
    this.wss.close();
  }

  private refusal(req: IncomingMessage, url: URL): { status: number; message?: string } | undefined {
    const mode = this.app.switches.streaming;
    if (!/^\/api\/v1\/streaming\/?$/.test(url.pathname) || mode === "absent") return { status: 404 };
    const token = mode === "refuse-subprotocol" ? url.searchParams.get("access_token") : this.token(req, url);
    if (token === null) return { status: 401, message: "Missing access token" };
    if (!this.app.tokens.has(token)) return { status: 401, message: "Invalid access token" };
    return undefined;
  }

  /** Authorization header, else ?access_token=, else the whole Sec-WebSocket-Protocol header. */
  private token(req: IncomingMessage, url: URL): string | null {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    return bearer ?? url.searchParams.get("access_token") ?? req.headers["sec-websocket-protocol"] ?? null;
  }

  private accept(ws: WebSocket, token: string, url: URL): void {
    const failing = this.app.switches.streamErrorFrames > 0;
    if (failing) this.app.switches.streamErrorFrames -= 1;
    const client: Client = { token, streams: new Set(), alive: true, failing };
    this.clients.set(ws, client);
    this.connects += 1;
    ws.on("pong", () => {
      client.alive = true;
    });
    ws.on("close", () => this.clients.delete(ws));
    ws.on("error", () => this.clients.delete(ws));
    ws.on("message", (data, isBinary) => this.onMessage(ws, client, data, isBinary));
    const initial = url.searchParams.get("stream");
    if (initial !== null) this.subscribe(ws, client, initial);
  }

  private onMessage(ws: WebSocket, client: Client, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      ws.close(1003, "Binary frames are not supported");
      return;
    }
    if (this.app.switches.streaming === "url-stream-only") return;
    let frame: { type?: unknown; stream?: unknown };
    try {
      frame = JSON.parse(data.toString()) as typeof frame;
    } catch {
      ws.send(JSON.stringify({ error: "Could not parse JSON", status: 400 }));
      return;
    }
    if (typeof frame.stream !== "string") return;
    if (frame.type === "subscribe") this.subscribe(ws, client, frame.stream);
    if (frame.type === "unsubscribe") client.streams.delete(frame.stream);
  }

  private subscribe(ws: WebSocket, client: Client, stream: string): void {
    if (client.failing) {
      ws.send(ERROR_FRAME);
      return;
    }
    if (!STREAMS.has(stream)) {
      ws.send(JSON.stringify({ error: "Unknown stream type", status: 400 }));
      return;
    }
    client.streams.add(stream);
    for (const waiter of this.waiters.filter((w) => w.stream === stream)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private ping(): void {
    for (const [ws, client] of this.clients) {
      if (!client.alive) {
        ws.terminate();
        this.clients.delete(ws);
        continue;
      }
      client.alive = false;
      ws.ping();
    }
  }

  private record(req: IncomingMessage, url: URL): RecordedRequest {
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      headers: flattenHeaders(req.headers),
      body: {},
      upgrade: true,
      status: 0,
      at: this.app.now(),
    };
    this.requests.push(record);
    return record;
  }
}
