import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { StartupError } from "../../src/app/startup-error.js";
import { type FakeMastodon, startFakeMastodon } from "../support/fake-mastodon/index.js";
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

describe("two bot processes on one DATA_DIR", () => {
  const bots: ChildProcess[] = [];
  let fake: FakeMastodon | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    for (const bot of bots.splice(0)) bot.kill("SIGKILL");
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function startProcess(server: FakeMastodon, dir: string): ChildProcess {
    const bot = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH,
        MASTODON_URL: server.url,
        MASTODON_ACCESS_TOKEN: server.token,
        DATA_DIR: dir,
        HTTP_PORT: "0",
        HTTP_HOST: "127.0.0.1",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    bots.push(bot);
    return bot;
  }

  /** Resolves with the first log message of `bot` that matches, or rejects when it ends first. */
  async function logged(bot: ChildProcess, pattern: RegExp): Promise<string> {
    for await (const line of createInterface({ input: bot.stdout! })) {
      const msg = (JSON.parse(line) as { msg?: string }).msg ?? "";
      if (pattern.test(msg)) return msg;
    }
    throw new Error(`the bot ended without logging ${pattern}`);
  }

  it("lets the second refuse to start, naming the folder and the first; after SIGKILL a new one starts", async () => {
    fake = await startFakeMastodon();
    dataDir = mkdtempSync(join(tmpdir(), "optout-twice-"));
    const first = startProcess(fake, dataDir);
    await logged(first, /^state store opened$/);

    const second = startProcess(fake, dataDir);
    const secondExit = once(second, "exit");
    expect(await logged(second, /^could not start/)).toBe(
      `could not start: DATA_DIR ${dataDir} is in use by process ${first.pid}: another optout-bot is running ` +
        "on this folder, and two would answer every mention twice. Stop the other bot, or give this one its own DATA_DIR.",
    );
    expect(await secondExit).toEqual([1, null]);

    const firstExit = once(first, "exit");
    first.kill("SIGKILL");
    await firstExit;
    const third = startProcess(fake, dataDir);
    expect(await logged(third, /^state store opened$/)).toBe("state store opened");
  });
});
