import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { StartupError } from "../../src/app/startup-error.js";
import { startFakeMastodon } from "../support/fake-mastodon/index.js";
import { startBot } from "./live-harness.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function htmlServer(): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end("<html><body>Welcome to my blog</body></html>");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("start-up against the wrong server or with a bad token", () => {
  it("says the URL is not a Mastodon server when it answers with a web page", async () => {
    const url = await htmlServer();
    const fake = { url, token: "t" } as Parameters<typeof startBot>[0];
    const started = startBot(fake);
    await expect(started).rejects.toThrow(StartupError);
    await expect(started).rejects.toThrow(/did not answer like a Mastodon server: check MASTODON_URL/);
  });

  it("says the token was refused, without showing it", async () => {
    const fake = await startFakeMastodon();
    try {
      const started = startBot({ ...fake, token: "revoked-secret-token" } as Parameters<typeof startBot>[0]);
      await expect(started).rejects.toThrow(/MASTODON_ACCESS_TOKEN was refused/);
      await started.catch((error: Error) => expect(error.message).not.toContain("revoked-secret-token"));
    } finally {
      await fake.close();
    }
  });

  it("says the server cannot be reached", async () => {
    const fake = { url: "http://127.0.0.1:9", token: "t" } as Parameters<typeof startBot>[0];
    await expect(startBot(fake)).rejects.toThrow(/Cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});

describe("a stop request during start-up", () => {
  it("ends the process at once with 143, not only when Docker loses patience", async () => {
    // A server that takes the first request and never answers: the bot stays in start-up.
    let asked: () => void = () => undefined;
    const firstRequest = new Promise<void>((resolve) => {
      asked = resolve;
    });
    server = createServer(() => asked());
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bot = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: { PATH: process.env.PATH, MASTODON_URL: url, MASTODON_ACCESS_TOKEN: "t", LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      bot.once("exit", (code, signal) => resolve([code, signal])),
    );
    await firstRequest;
    bot.kill("SIGTERM");
    expect(await exited).toEqual([143, null]);
    server.closeAllConnections();
  });
});
