import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { hostPath, type ReplayedStage } from "./dockerfile-replay.js";

/** A replayed stage's CMD running as a host process, as `docker run -i` would start it. */
export interface RunningContainer {
  readonly child: ChildProcess;
  /** The last few KB of stdout and stderr, for failure messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

/** Environment: the host's (PATH to node) under the image's ENV, under the test's `overrides`. */
export function startContainer(
  stage: ReplayedStage,
  hostEnv: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string>>,
): RunningContainer {
  const [command, ...args] = stage.cmd ?? [];
  if (!command) throw new Error(`stage ${stage.name} has no CMD`);
  const child = spawn(command, args, {
    cwd: hostPath(stage, stage.workdir),
    env: { ...hostEnv, ...stage.env, ...overrides },
    // stdin stays open, like `docker run -i`: without credentials the bot runs in local mode, which
    // reads mentions from stdin and ends when it closes.
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    child.on("error", (error) => {
      keep(Buffer.from(`spawn failed: ${error.message}\n`));
      resolve("spawn-error");
    });
  });
  return { child, output: () => output, exited };
}

/**
 * Polls `url` until it answers 200, at most `attempts` times `intervalMs` apart. Returns the number of
 * attempts used; throws with the process output if the process ends first or never gets healthy.
 */
export async function waitForHealthy(
  url: string,
  container: RunningContainer,
  attempts = 150,
  intervalMs = 200,
): Promise<number> {
  let ended: number | string | undefined;
  void container.exited.then((code) => {
    ended = code;
  });
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (ended !== undefined) {
      throw new Error(`CMD exited (${ended}) before ${url} answered 200. Output:\n${container.output()}`);
    }
    try {
      const res = await fetch(url);
      if (res.status === 200) return attempt;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 after ${attempts} attempts. Output:\n${container.output()}`);
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
