import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "../observability/logger.js";

/** What `/readyz` reports: ready when the state store is open and mentions are arriving. */
export interface Readiness {
  readonly ready: boolean;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface HealthServerOptions {
  /** `HTTP_PORT`; 0 picks a free port. */
  readonly port: number;
  /** `HTTP_HOST`; default all interfaces, so a container's port mapping and Prometheus reach it. */
  readonly host?: string;
  readonly metrics: { readonly registry: Registry };
  /** Asked on every `/readyz`; must be cheap and must not throw (a throw counts as not ready). */
  readonly readiness: () => Readiness;
  readonly logger: Logger;
}

export interface HealthServer {
  /** The port actually listened on (useful with port 0). */
  readonly port: number;
  /** Stops listening and drops idle keep-alive connections (a scraper's), so shutdown is prompt. */
  close(): Promise<void>;
}

/** `/healthz`, `/readyz` and `/metrics` on one small node:http server. */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const log = options.logger.child({ component: "health-server" });
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      log.error({ err: error, path: req.url }, "health server request failed");
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "internal error\n");
      else res.destroy();
    });
  });
  await listen(server, options.port, options.host ?? "0.0.0.0");
  const port = (server.address() as AddressInfo).port;
  log.info({ port, host: options.host ?? "0.0.0.0" }, "health and metrics server listening");
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: HealthServerOptions,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    send(res, 405, "text/plain; charset=utf-8", "method not allowed\n");
    return;
  }
  switch (path) {
    case "/healthz":
      send(res, 200, "text/plain; charset=utf-8", "ok\n");
      return;
    case "/readyz": {
      const readiness = askReadiness(options.readiness);
      send(res, readiness.ready ? 200 : 503, "application/json", `${JSON.stringify(readiness)}\n`);
      return;
    }
    case "/metrics":
      send(res, 200, options.metrics.registry.contentType, await options.metrics.registry.metrics());
      return;
    default:
      send(res, 404, "text/plain; charset=utf-8", "not found\n");
  }
}

function askReadiness(readiness: () => Readiness): Readiness {
  try {
    return readiness();
  } catch (error) {
    return { ready: false, detail: { error: (error as Error).message } };
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "Content-Type": contentType, "Cache-Control": "no-store" });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
