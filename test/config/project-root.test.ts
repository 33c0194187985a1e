import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config/project-root.js";

describe("projectRoot", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("finds the nearest package.json above a module, however deep it sits", () => {
    dir = mkdtempSync(join(tmpdir(), "root-"));
    writeFileSync(join(dir, "package.json"), "{}");
    mkdirSync(join(dir, "dist", "cli"), { recursive: true });
    expect(projectRoot(join(dir, "dist", "main.js"))).toBe(dir);
    expect(projectRoot(join(dir, "dist", "cli", "main.js"))).toBe(dir);
  });

  it("is this project's folder when called from src/", () => {
    expect(projectRoot()).toBe(process.cwd());
  });

  it("names the module when there is no package.json above it", () => {
    expect(() => projectRoot("/no-such-folder/x/main.js")).toThrow(
      "No package.json in any folder above /no-such-folder/x/main.js",
    );
  });
});
