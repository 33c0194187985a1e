import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, posix, relative } from "node:path";
import type { Copy, Instruction } from "dockerfile-ast";
import { DockerfileParser } from "dockerfile-ast";
import { createIgnoreMatcher } from "./dockerignore.js";

/**
 * Replays a Dockerfile's build on this machine, which has no Docker engine. Each stage gets a folder
 * standing for its filesystem root: COPY copies from the build context (honouring .dockerignore) or
 * from an earlier stage's folder, RUN runs `sh -c` in the stage's WORKDIR with the stage's ENV,
 * WORKDIR creates and changes the folder. The host's node and npm stand in for the image's.
 */
export interface ReplayedStage {
  readonly name: string;
  readonly image: string;
  /** Folder standing for the stage's `/`. */
  readonly root: string;
  /** WORKDIR as the container sees it (absolute, posix). */
  workdir: string;
  readonly env: Record<string, string>;
  user: string | undefined;
  cmd: readonly string[] | undefined;
  healthcheck: readonly string[] | undefined;
  stopSignal: string | undefined;
  readonly volumes: string[];
  /** RUN steps not replayed, with the reason. */
  readonly skipped: string[];
}

export interface ReplayOptions {
  readonly dockerfile: string;
  /** The build context (the repository). */
  readonly context: string;
  /** Empty folder to build in. */
  readonly buildDir: string;
  /** Variables RUN steps inherit from the host (PATH, HOME, proxy and CA settings). */
  readonly hostEnv: Readonly<Record<string, string>>;
  /** A RUN step still running after this long is stopped and named, with its last output. */
  readonly stepLimitMs?: number;
  /** Told when each RUN step starts and ends, so a slow build says where its time went. */
  readonly progress?: (line: string) => void;
}

export class ReplayError extends Error {}

/**
 * Steps that configure the base image's operating system (packages, users, ownership): they need
 * root and a Debian image, and change nothing the app's files depend on, so the replay skips them.
 * `mkdir` of an absolute path is replayed inside the stage's folder instead of on the host.
 */
const SYSTEM_STEP =
  /^(apt-get|apt|dpkg|useradd|groupadd|adduser|addgroup|chown|chmod|rm -rf \/var\/lib\/apt\b)/;

export async function replayBuild(options: ReplayOptions): Promise<ReplayedStage[]> {
  const dockerfile = DockerfileParser.parse(readFileSync(options.dockerfile, "utf8"));
  const ignoreFile = join(options.context, ".dockerignore");
  const isIgnored = createIgnoreMatcher(existsSync(ignoreFile) ? readFileSync(ignoreFile, "utf8") : "");
  const stages: ReplayedStage[] = [];
  let stage: ReplayedStage | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "FROM") {
      stage = startStage(instruction, stages, options.buildDir);
      stages.push(stage);
      continue;
    }
    if (!stage) throw new ReplayError(`${keyword} before FROM`);
    await replayInstruction(instruction, stage, { ...options, stages, isIgnored });
  }
  if (stages.length === 0) throw new ReplayError("the Dockerfile has no FROM");
  return stages;
}

interface Context extends ReplayOptions {
  readonly stages: readonly ReplayedStage[];
  readonly isIgnored: (relativePath: string) => boolean;
}

function startStage(from: Instruction, stages: readonly ReplayedStage[], buildDir: string): ReplayedStage {
  const [image = "", as, name] = from.getArguments().map((a) => a.getValue());
  const stageName = as?.toUpperCase() === "AS" && name ? name : String(stages.length);
  const root = join(buildDir, `stage-${stages.length}-${stageName}`);
  mkdirSync(root, { recursive: true });
  const parent = stages.find((s) => s.name === image);
  if (parent) cpSync(parent.root, root, { recursive: true, verbatimSymlinks: true });
  return {
    name: stageName,
    image,
    root,
    workdir: parent?.workdir ?? "/",
    env: { ...parent?.env },
    user: parent?.user,
    cmd: parent?.cmd,
    healthcheck: parent?.healthcheck,
    stopSignal: parent?.stopSignal,
    volumes: [...(parent?.volumes ?? [])],
    skipped: [],
  };
}

async function replayInstruction(
  instruction: Instruction,
  stage: ReplayedStage,
  ctx: Context,
): Promise<void> {
  const keyword = instruction.getKeyword();
  const args = instruction.getArguments().map((a) => a.getValue());
  switch (keyword) {
    case "WORKDIR":
      stage.workdir = posix.resolve(stage.workdir, expand(args.join(" "), stage.env));
      mkdirSync(hostPath(stage, stage.workdir), { recursive: true });
      return;
    case "ENV":
      for (const property of (instruction as unknown as EnvLike).getProperties()) {
        stage.env[property.getName()] = expand(property.getValue() ?? "", stage.env);
      }
      return;
    case "COPY":
      copy(instruction as Copy, stage, ctx);
      return;
    case "RUN":
      await run(instruction.getArgumentsContent() ?? "", stage, ctx);
      return;
    case "USER":
      stage.user = args[0];
      return;
    case "CMD":
      stage.cmd = jsonForm(instruction.getArgumentsContent(), "CMD");
      return;
    case "HEALTHCHECK":
      stage.healthcheck = jsonForm(
        instruction.getArgumentsContent()?.replace(/^CMD\s+/, ""),
        "HEALTHCHECK CMD",
      );
      return;
    case "STOPSIGNAL":
      stage.stopSignal = args[0];
      return;
    case "VOLUME":
      stage.volumes.push(...jsonOrWords(instruction.getArgumentsContent() ?? ""));
      return;
    case "EXPOSE":
    case "LABEL":
    case "ARG":
      return;
    default:
      throw new ReplayError(
        `the replay does not support ${keyword}; extend test/docker/dockerfile-replay.ts`,
      );
  }
}

interface EnvLike {
  getProperties(): { getName(): string; getValue(): string | null }[];
}

function copy(instruction: Copy, stage: ReplayedStage, ctx: Context): void {
  const from =
    instruction
      .getFlags()
      .find((f) => f.getName() === "from")
      ?.getValue() ?? undefined;
  const paths = instruction.getArguments().map((a) => expand(a.getValue(), stage.env));
  const dest = paths.pop();
  if (!dest || paths.length === 0)
    throw new ReplayError(`COPY needs a source and a destination: ${instruction}`);
  const source = from === undefined ? undefined : ctx.stages.find((s) => s.name === from);
  if (from !== undefined && !source)
    throw new ReplayError(`COPY --from=${from}: no earlier stage of that name`);
  const destPath = hostPath(stage, posix.resolve(stage.workdir, dest));
  const intoFolder = dest.endsWith("/") || paths.length > 1;
  for (const path of paths) {
    if (/[*?[]/.test(path)) throw new ReplayError(`COPY ${path}: wildcards are not replayed`);
    const src = source ? hostPath(source, posix.resolve("/", path)) : join(ctx.context, path);
    const inContext = source ? undefined : relative(ctx.context, src);
    if (!existsSync(src) || (inContext !== undefined && inContext !== "" && ctx.isIgnored(inContext))) {
      throw new ReplayError(`COPY ${from ? `--from=${from} ` : ""}${path}: not found in the build context`);
    }
    const isFolder = statSync(src).isDirectory();
    const target =
      !isFolder && (intoFolder || isExistingFolder(destPath)) ? join(destPath, basename(src)) : destPath;
    mkdirSync(isFolder ? target : join(target, ".."), { recursive: true });
    const filter =
      inContext === undefined ? undefined : (file: string) => !ctx.isIgnored(relative(ctx.context, file));
    cpSync(src, target, { recursive: true, verbatimSymlinks: true, filter });
  }
}

/**
 * Runs a RUN's `&&` chain: operating-system steps are skipped, `mkdir` of absolute paths happens in
 * the stage's folder, and each run of consecutive other steps goes to one `sh -c`, so `cd` holds.
 */
async function run(command: string, stage: ReplayedStage, ctx: Context) {
  const env = { ...ctx.hostEnv, ...stage.env };
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length > 0) await shell(pending.join(" && "), hostPath(stage, stage.workdir), env, ctx);
    pending = [];
  };
  for (const step of command.split(/\s+&&\s+/).map((s) => s.trim())) {
    const mkdir = /^mkdir\s+(-p\s+)?(\/\S+(\s+\/\S+)*)$/.exec(step);
    if (SYSTEM_STEP.test(step)) {
      stage.skipped.push(step);
    } else if (mkdir) {
      await flush();
      for (const dir of mkdir[2]!.split(/\s+/)) mkdirSync(hostPath(stage, dir), { recursive: true });
    } else {
      pending.push(step);
    }
  }
  await flush();
}

function shell(
  step: string,
  cwd: string,
  env: Record<string, string>,
  ctx: Pick<ReplayOptions, "stepLimitMs" | "progress">,
): Promise<void> {
  const started = Date.now();
  const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;
  ctx.progress?.(`RUN ${step}: started`);
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", step], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    let stopped = false;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    // The whole process group: npm's children (node-gyp, the compiler) must not outlive the step.
    const limit =
      ctx.stepLimitMs === undefined
        ? undefined
        : setTimeout(() => {
            stopped = true;
            if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
          }, ctx.stepLimitMs);
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(limit);
      ctx.progress?.(`RUN ${step}: ${stopped ? "stopped" : `exited with ${code}`} after ${seconds()}`);
      if (stopped) reject(new ReplayError(`RUN ${step} was still running after ${seconds()}:\n${output}`));
      else if (code === 0) resolve();
      else reject(new ReplayError(`RUN ${step} exited with ${code}:\n${output}`));
    });
  });
}

/** The host folder for a path inside a stage. */
export function hostPath(stage: ReplayedStage, containerPath: string): string {
  return join(stage.root, posix.resolve("/", containerPath));
}

function isExistingFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function jsonForm(content: string | null | undefined, what: string): string[] {
  try {
    const parsed: unknown = JSON.parse(content ?? "");
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === "string")) return parsed;
  } catch {
    // reported below
  }
  throw new ReplayError(`${what} must use the JSON (exec) form so signals reach node: ${content}`);
}

function jsonOrWords(content: string): string[] {
  return content.trim().startsWith("[") ? jsonForm(content, "VOLUME") : content.trim().split(/\s+/);
}

function expand(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (_, braced?: string, bare?: string) => env[braced ?? bare ?? ""] ?? "",
  );
}
