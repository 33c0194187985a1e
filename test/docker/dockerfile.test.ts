import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostPath, type ReplayedStage, replayBuild } from "./dockerfile-replay.js";
import { hostEnvironment } from "./host-env.js";
import { freePort, type RunningContainer, startContainer, waitForHealthy } from "./run-container.js";

const repoRoot = join(import.meta.dirname, "../..");
const dockerfilePath = join(repoRoot, "Dockerfile");
const dockerfileText = readFileSync(dockerfilePath, "utf8");
/** LSP severity 1 = error, 2 = warning. */
const ERROR = 1;

describe("Dockerfile (static)", () => {
  it("passes dockerfile-utils' validator without errors or warnings", () => {
    const diagnostics = validate(dockerfileText).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(validate(dockerfileText).filter((d) => d.severity === ERROR)).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it("builds and runs on one Node LTS image pinned to an exact release", () => {
    const images = DockerfileParser.parse(dockerfileText)
      .getFROMs()
      .map((from) => from.getImage());
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(new Set(images).size).toBe(1);
    const match = /^node:(\d+)\.\d+\.\d+-bookworm-slim$/.exec(images[0] ?? "");
    expect(match, images[0] ?? "no FROM").not.toBeNull();
    expect(Number(match![1]) % 2, "LTS lines of Node have even majors").toBe(0);
  });
});

describe("Dockerfile (build replayed in a temporary folder)", () => {
  const hostEnv = hostEnvironment();
  let buildDir: string;
  let stages: ReplayedStage[];
  let runtime: ReplayedStage;
  let container: RunningContainer | undefined;

  // `npm ci` really runs against the npm registry and compiles better-sqlite3: about a minute here.
  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), "optout-docker-"));
    stages = await replayBuild({ dockerfile: dockerfilePath, context: repoRoot, buildDir, hostEnv });
    runtime = stages.at(-1)!;
  }, 600_000);

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
    expect(runtime.cmd).toEqual([
      "node",
      "--max-semi-space-size=1",
      "--optimize-for-size",
      "--no-opt",
      "--liftoff-only",
      "dist/main.js",
    ]);
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
