import { describe, expect, it } from "vitest";
import {
  type ChildCommand,
  CONFIG_CHILD_ENV,
  childFlags,
  printStartupConfig,
  readStartupConfigInChild,
} from "../../src/config/config-child.js";
import { readStartupConfig } from "../../src/config/read-startup-config.js";
import { ConfigError } from "../../src/domain/errors.js";

/** The variables a developer's shell might set, cleared so that the defaults apply. */
const CLEAN: NodeJS.ProcessEnv = { PATH: process.env.PATH, MASTODON_URL: "", MASTODON_ACCESS_TOKEN: "" };

function bot(env: NodeJS.ProcessEnv): ChildCommand {
  return { execPath: process.execPath, args: ["--import", "tsx", "src/main.ts"], env: { ...CLEAN, ...env } };
}

function node(script: string, timeoutMs?: number): ChildCommand {
  return {
    execPath: process.execPath,
    args: ["-e", script],
    env: CLEAN,
    ...(timeoutMs ? { timeoutMs } : {}),
  };
}

describe("printStartupConfig (the child's side)", () => {
  it("prints settings and knowledge as JSON, the languages as entries", async () => {
    const printed = JSON.parse(await printStartupConfig({ ...CLEAN, HTTP_PORT: "9999" }));
    expect(printed.ok).toBe(true);
    expect(printed.settings.httpPort).toBe(9999);
    expect(printed.knowledge.languages.map(([code]: [string]) => code).sort()).toEqual(["de", "en"]);
  });

  it("prints the problems of an invalid configuration instead of throwing", async () => {
    const printed = JSON.parse(await printStartupConfig({ ...CLEAN, HTTP_PORT: "port" }));
    expect(printed.ok).toBe(false);
    expect(printed.problems).toEqual([expect.stringMatching(/^HTTP_PORT: /)]);
  });
});

describe("readStartupConfigInChild (the bot's side)", () => {
  it("returns what the bot's own entry point reads, with the languages as a Map again", async () => {
    const env = { REPLY_MAX_DELAY: "30m", LOG_LEVEL: "warn" };
    const fromChild = await readStartupConfigInChild(bot(env));
    expect(fromChild.knowledge.languages).toBeInstanceOf(Map);
    expect(fromChild).toEqual(readStartupConfig({ ...CLEAN, ...env }));
    expect(fromChild.settings.replyMaxDelayMs).toBe(30 * 60_000);
  });

  it("throws the child's ConfigError, every problem kept", async () => {
    const error = await readStartupConfigInChild(bot({ HTTP_PORT: "port", MASTODON_URL: "x" })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^MASTODON_URL: /),
      expect.stringMatching(/^HTTP_PORT: /),
      expect.stringMatching(/^MASTODON_ACCESS_TOKEN: /),
    ]);
  });

  it("names the exit code and shows the child's error output when it crashes", async () => {
    await expect(
      readStartupConfigInChild(node("console.error('boom in the child'); process.exit(3)")),
    ).rejects.toThrow(/reading the configuration failed \(exit code 3\)\nboom in the child/);
  });

  it("rejects output that is not JSON", async () => {
    await expect(readStartupConfigInChild(node("console.log('hello')"))).rejects.toThrow(
      "reading the configuration printed no JSON:\nhello",
    );
  });

  it("does not echo output that looks like the configuration: it could hold the token", async () => {
    const command = node(`process.stdout.write('{"settings":{"accessToken":"s3cret"')`);
    const message = await readStartupConfigInChild(command).then(
      () => "resolved",
      (e: Error) => e.message,
    );
    expect(message).toBe("reading the configuration printed no JSON: 35 characters, not valid JSON");
  });

  it("gives up on a child that hangs", async () => {
    await expect(readStartupConfigInChild(node("setInterval(() => {}, 1000)", 300))).rejects.toThrow(
      "reading the configuration failed (timed out)",
    );
  });

  it("marks the child, so that the entry point prints instead of starting the bot", async () => {
    const command = node(
      `console.log(JSON.stringify({ ok: false, problems: [process.env.${CONFIG_CHILD_ENV}] }))`,
    );
    await expect(readStartupConfigInChild(command)).rejects.toMatchObject({ problems: ["1"] });
  });
});

describe("childFlags", () => {
  it("keeps the bot's flags but not the debugger's, whose port the bot already holds", () => {
    const flags = [
      "--no-opt",
      "--import",
      "tsx",
      "--inspect",
      "--inspect-brk=0.0.0.0:9229",
      "--inspect-port=9230",
    ];
    expect(childFlags([...flags, "--max-semi-space-size=1"])).toEqual([
      "--no-opt",
      "--import",
      "tsx",
      "--max-semi-space-size=1",
    ]);
  });
});
