import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostPath, type ReplayedStage, replayBuild } from "./dockerfile-replay.js";
import { hostEnvironment } from "./host-env.js";
import { freePort, type RunningContainer, startContainer, waitForHealthy } from "./run-container.js";

// Slow (npm run test:slow): the build's `npm ci` really runs against the npm registry.
const repoRoot = join(import.meta.dirname, "../..");
const dockerfilePath = join(repoRoot, "Dockerfile");

describe("Dockerfile (build replayed in a temporary folder)", () => {
  const hostEnv = hostEnvironment();
  let buildDir: string;
  let stages: ReplayedStage[];
  let runtime: ReplayedStage;
  let container: RunningContainer | undefined;

  // `npm ci` installs from the npm cache and compiles better-sqlite3: 80 to 100 s on a quiet
  // two-core machine. Each step says when it starts and ends; one still running after 15 minutes is
  // stopped and named with its last output, before the hook's own limit ends the suite silently.
  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), "optout-docker-"));
    stages = await replayBuild({
      dockerfile: dockerfilePath,
      context: repoRoot,
      buildDir,
      hostEnv,
      stepLimitMs: 15 * 60_000,
      progress: (line) => process.stderr.write(`docker replay: ${line}\n`),
    });
    runtime = stages.at(-1)!;
  }, 20 * 60_000);

  afterAll(async () => {
    if (container && container.child.exitCode === null && container.child.signalCode === null) {
      container.child.kill("SIGKILL");
      await container.exited;
    }
    rmSync(buildDir, { recursive: true, force: true });
  });

  it("skips only operating-system steps of the build", () => {
    expect(stages.map((s) => s.name)).toEqual(["build", "runtime"]);
    for (const stage of stages) {
      for (const step of stage.skipped) expect(step).toMatch(/^(apt-get|rm -rf \/var\/lib\/apt|chown)/);
    }
  });

  it("ships compiled code, the knowledge files and production dependencies only", () => {
    const app = hostPath(runtime, "/app");
    for (const path of ["dist", "config/campaign.yaml", "config/lang", "package.json"]) {
      expect(existsSync(join(app, path)), path).toBe(true);
    }
    expect(existsSync(join(app, "node_modules/better-sqlite3/build/Release/better_sqlite3.node"))).toBe(true);
    const absent = ["src", "test", ".git", ".env", "node_modules/vitest", "node_modules/typescript"];
    // dist/ is plain JavaScript: no TypeScript loader, nor esbuild's native binary (npm prune
    // leaves the emptied scope folder behind).
    absent.push("node_modules/tsx", "node_modules/esbuild");
    const esbuildScope = join(app, "node_modules/@esbuild");
    expect(existsSync(esbuildScope) ? readdirSync(esbuildScope) : []).toEqual([]);
    for (const path of [
      ...absent,
      "node_modules/better-sqlite3/deps",
      "node_modules/better-sqlite3/build/Release/obj",
    ]) {
      expect(existsSync(join(app, path)), `${path} must not be in the image`).toBe(false);
    }
    expect(runtime.skipped.join("\n")).not.toMatch(/apt-get install/);
  });

  it("runs as an unprivileged user with DATA_DIR on a volume", () => {
    expect(runtime.user).toBe("node");
    expect(runtime.env.DATA_DIR).toBe("/data");
    expect(runtime.volumes).toContain(runtime.env.DATA_DIR);
    expect(existsSync(hostPath(runtime, "/data"))).toBe(true);
    // The bundle, run by Node directly (PID 1 gets the stop signal); V8 flags are the build's choice.
    const cmd = runtime.cmd ?? [];
    expect(cmd[0]).toBe("node");
    expect(cmd.at(-1)).toBe("dist/main.js");
    for (const flag of cmd.slice(1, -1)) expect(flag).toMatch(/^--[a-z-]+(=\S+)?$/);
    expect(runtime.stopSignal).toBe("SIGTERM");
  });

  it("starts its CMD, answers /healthz and its HEALTHCHECK, and stops cleanly on STOPSIGNAL", async () => {
    const port = await freePort();
    const dataDir = join(buildDir, "data-volume");
    mkdirSync(dataDir);
    const overrides = { DATA_DIR: dataDir, HTTP_PORT: String(port), HTTP_HOST: "127.0.0.1" };
    container = startContainer(runtime, hostEnv, overrides);
    await waitForHealthy(`http://127.0.0.1:${port}/healthz`, container);

    const [command, ...args] = runtime.healthcheck ?? [];
    expect(command).toBe("node");
    const check = spawnSync(command!, args, {
      env: { ...hostEnv, ...runtime.env, ...overrides },
      encoding: "utf8",
    });
    expect(check.status, check.stderr).toBe(0);

    container.child.kill(runtime.stopSignal as NodeJS.Signals);
    expect(await container.exited, container.output()).toBe(0);
  });
});
