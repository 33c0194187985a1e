import { createServer } from "node:net";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type HealthServer, type Readiness, startHealthServer } from "../../src/http/health-server.js";
import { createMetrics } from "../../src/observability/metrics.js";

const logger = pino({ level: "silent" });

describe("startHealthServer", () => {
  let server: HealthServer | undefined;
  let readiness: () => Readiness = () => ({ ready: true, detail: {} });
  const metrics = createMetrics({ defaultMetrics: false });

  async function start(): Promise<string> {
    server = await startHealthServer({
      port: 0,
      host: "127.0.0.1",
      metrics,
      readiness: () => readiness(),
      logger,
    });
    return `http://127.0.0.1:${server.port}`;
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("answers /healthz with 200 ok while the process is alive", async () => {
    const base = await start();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok\n");
  });

  it("answers /readyz with 200 or 503 and the detail as JSON", async () => {
    const base = await start();
    readiness = () => ({ ready: true, detail: { state: "open", receiving: "streaming" } });
    const ok = await fetch(`${base}/readyz`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json");
    expect(await ok.json()).toEqual({ ready: true, detail: { state: "open", receiving: "streaming" } });

    readiness = () => ({ ready: false, detail: { receiving: "reconnecting", attempt: 3 } });
    const notReady = await fetch(`${base}/readyz?verbose=1`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      ready: false,
      detail: { receiving: "reconnecting", attempt: 3 },
    });
  });

  it("treats a readiness check that throws as not ready", async () => {
    const base = await start();
    readiness = () => {
      throw new Error("database closed");
    };
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ready: false, detail: { error: "database closed" } });
  });

  it("serves /metrics in Prometheus text format", async () => {
    const base = await start();
    metrics.repliesPosted.inc(2);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    expect((await res.text()).split("\n")).toContain("optout_replies_posted_total 2");
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    const base = await start();
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/healthz/x`)).status).toBe(404);
    const post = await fetch(`${base}/healthz`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    const head = await fetch(`${base}/healthz`, { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("closes promptly even with a keep-alive connection open, and frees the port", async () => {
    const base = await start();
    await fetch(`${base}/healthz`, { headers: { connection: "keep-alive" } });
    const port = server!.port;
    await server!.close();
    server = undefined;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once("error", reject);
      probe.listen(port, "127.0.0.1", resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(port).toBeGreaterThan(0);
  });

  it("rejects when the port is taken", async () => {
    const base = await start();
    const port = Number(new URL(base).port);
    await expect(
      startHealthServer({ port, host: "127.0.0.1", metrics, readiness, logger }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
