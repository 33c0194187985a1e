import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  type ChildCommand,
  CONFIG_CHILD_ENV,
  childFlags,
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
    ).rejects.toThrow(/reading the configuration failed \(exit code 3, nothing sent\)\nboom in the child/);
  });

  it("fails when the child ends without sending the configuration", async () => {
    await expect(readStartupConfigInChild(node("console.log('hello')"))).rejects.toThrow(
      "reading the configuration failed (exit code 0, nothing sent)",
    );
  });

  it("starts the bot as usual when OPTOUT_CONFIG_CHILD is set but no parent listens", async () => {
    // A stray variable in the bot's own environment must not make it print its settings.
    const env = { ...CLEAN, [CONFIG_CHILD_ENV]: "1", LOG_LEVEL: "error" };
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "src/main.ts"], { env });
    run.child.stdin?.end("Where is the Facebook form?\n");
    const { stdout } = await run;
    expect(stdout).toContain("https://www.facebook.com/");
    expect(stdout).not.toContain("settings");
  });

  it("gives up on a child that hangs", async () => {
    await expect(readStartupConfigInChild(node("setInterval(() => {}, 1000)", 300))).rejects.toThrow(
      "reading the configuration failed (timed out)",
    );
  });

  it("marks the child and listens on an IPC channel, so that the entry point sends its reading", async () => {
    const report = `{ ok: false, problems: [process.env.${CONFIG_CHILD_ENV}] }`;
    const command = node(`process.send(${report}, undefined, {}, () => process.disconnect())`);
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
