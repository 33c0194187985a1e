import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hostPath, replayBuild } from "./dockerfile-replay.js";
import { createIgnoreMatcher } from "./dockerignore.js";
import { hostEnvironment } from "./host-env.js";
import { startContainer, waitForHealthy } from "./run-container.js";

/** The replay itself must fail where a real `docker build` or `docker run` would. */
describe("replayBuild", () => {
  let context: string;
  let buildDir: string;
  const hostEnv = hostEnvironment();

  beforeEach(() => {
    context = mkdtempSync(join(tmpdir(), "optout-replay-ctx-"));
    buildDir = mkdtempSync(join(tmpdir(), "optout-replay-build-"));
  });
  afterEach(() => {
    rmSync(context, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  });

  function build(dockerfile: string, files: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(context, path, ".."), { recursive: true });
      writeFileSync(join(context, path), content);
    }
    writeFileSync(join(context, "Dockerfile"), dockerfile);
    return replayBuild({ dockerfile: join(context, "Dockerfile"), context, buildDir, hostEnv });
  }

  it("replays COPY, COPY --from, ENV, WORKDIR and RUN into per-stage folders", async () => {
    const stages = await build(
      [
        "FROM node:22.23.3-bookworm-slim AS one",
        "WORKDIR /app",
        "ENV GREETING=hello",
        "COPY a.txt lib ./",
        'RUN echo "$GREETING" > out.txt && mkdir -p /data/x',
        "RUN mkdir sub \\\n && cd sub \\\n && echo in-sub > y.txt",
        "FROM node:22.23.3-bookworm-slim AS two",
        "WORKDIR /srv",
        "COPY --from=one /app/out.txt /app/a.txt ./copied/",
        "COPY --from=one /app/nested ./nested",
        'CMD ["node", "x.js"]',
      ].join("\n"),
      { "a.txt": "A", "lib/nested/b.txt": "B" },
    );
    const [one, two] = stages;
    expect(readFileSync(hostPath(one!, "/app/out.txt"), "utf8")).toBe("hello\n");
    expect(existsSync(hostPath(one!, "/data/x"))).toBe(true);
    expect(readFileSync(hostPath(one!, "/app/sub/y.txt"), "utf8")).toBe("in-sub\n");
    expect(readFileSync(hostPath(two!, "/srv/copied/out.txt"), "utf8")).toBe("hello\n");
    expect(readFileSync(hostPath(two!, "/srv/copied/a.txt"), "utf8")).toBe("A");
    expect(readFileSync(hostPath(two!, "/srv/nested/b.txt"), "utf8")).toBe("B");
    expect(two!.cmd).toEqual(["node", "x.js"]);
  });

  it("fails on a COPY of a missing file", async () => {
    await expect(
      build("FROM node:22.23.3-bookworm-slim\nWORKDIR /app\nCOPY missing.txt ./\n"),
    ).rejects.toThrow(/COPY missing\.txt: not found/);
  });

  it("fails on a COPY of a file that .dockerignore leaves out of the context", async () => {
    const files = { ".dockerignore": "*.env\n", "secret.env": "TOKEN=x" };
    await expect(build("FROM node:22.23.3-bookworm-slim\nCOPY secret.env /app/\n", files)).rejects.toThrow(
      /not found/,
    );
  });

  it("leaves ignored files out of a copied folder", async () => {
    const files = { ".dockerignore": "src/**/*.test.ts\n", "src/a.ts": "a", "src/deep/a.test.ts": "t" };
    const [stage] = await build("FROM node:22.23.3-bookworm-slim\nCOPY src /app/src\n", files);
    expect(existsSync(hostPath(stage!, "/app/src/a.ts"))).toBe(true);
    expect(existsSync(hostPath(stage!, "/app/src/deep/a.test.ts"))).toBe(false);
  });

  it("fails on a RUN that fails, and skips operating-system steps", async () => {
    const failing = build("FROM node:22.23.3-bookworm-slim\nRUN apt-get update && false\n");
    await expect(failing).rejects.toThrow(/RUN false exited with 1/);
  });

  it("stops a RUN step that outlives its limit, naming it with its last output", async () => {
    writeFileSync(
      join(context, "Dockerfile"),
      "FROM node:22.23.3-bookworm-slim\nRUN echo compiling && sleep 600\n",
    );
    const lines: string[] = [];
    const replay = replayBuild({
      dockerfile: join(context, "Dockerfile"),
      context,
      buildDir,
      hostEnv,
      stepLimitMs: 200,
      progress: (line) => lines.push(line),
    });
    await expect(replay).rejects.toThrow(
      /RUN echo compiling && sleep 600 was still running after \d+ s:\ncompiling/,
    );
    expect(lines).toEqual([
      "RUN echo compiling && sleep 600: started",
      expect.stringMatching(/^RUN echo compiling && sleep 600: stopped after \d+ s$/),
    ]);
  });
  it("fails when CMD exits instead of serving /healthz", async () => {
    const [stage] = await build('FROM node:22.23.3-bookworm-slim\nCMD ["node", "-e", "process.exit(3)"]\n');
    const container = startContainer(stage!, hostEnv, {});
    await expect(waitForHealthy("http://127.0.0.1:9/healthz", container, 50, 100)).rejects.toThrow(
      /exited \(3\)/,
    );
  });

  it("fails when CMD runs but never answers", async () => {
    const [stage] = await build(
      'FROM node:22.23.3-bookworm-slim\nCMD ["node", "-e", "setInterval(() => {}, 1000)"]\n',
    );
    const container = startContainer(stage!, hostEnv, {});
    try {
      await expect(waitForHealthy("http://127.0.0.1:9/healthz", container, 3, 10)).rejects.toThrow(
        /after 3 attempts/,
      );
    } finally {
      container.child.kill("SIGKILL");
      await container.exited;
    }
  });
});

describe("createIgnoreMatcher", () => {
  it("matches folders with everything below, globs, and ! exceptions", () => {
    const ignored = createIgnoreMatcher(
      "# comment\nnode_modules\n/dist/\n*.log\n**/*.test.ts\n.env.*\n!.env.example\n",
    );
    expect(ignored("node_modules")).toBe(true);
    expect(ignored("node_modules/pino/index.js")).toBe(true);
    expect(ignored("dist/main.js")).toBe(true);
    expect(ignored("debug.log")).toBe(true);
    expect(ignored("logs/debug.log")).toBe(false);
    expect(ignored("src/a/b.test.ts")).toBe(true);
    expect(ignored(".env.local")).toBe(true);
    expect(ignored(".env.example")).toBe(false);
    expect(ignored("src/main.ts")).toBe(false);
  });
});
