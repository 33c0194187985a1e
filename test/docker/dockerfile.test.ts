import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

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

  it("ships production dependencies only, and the TypeScript loader (tsx, esbuild) is not one", () => {
    expect(dockerfileText).toMatch(/npm (ci|prune) [^\n]*--omit=dev/);
    const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const loader = Object.keys(lock.packages).filter((path) =>
      /^node_modules\/(tsx|esbuild|@esbuild\/[^/]+)$/.test(path),
    );
    expect(loader).toContain("node_modules/tsx");
    for (const path of loader) expect(lock.packages[path]?.dev, path).toBe(true);
  });
});
