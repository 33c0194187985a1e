import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/** Tests that spawn processes, build or kill: `npm run test:slow` (vitest.slow.config.ts). */
export const SLOW_TESTS = "test/**/*.slow.test.ts";

/**
 * Quick test files that replace a module (`vi.mock`, `vi.doMock`) or reset the module cache: they
 * need a module graph of their own. Found by reading the files, so a new one cannot be missed.
 */
export function filesNeedingIsolation(root = fileURLToPath(new URL(".", import.meta.url))): string[] {
  return readdirSync(join(root, "test"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts") && !file.endsWith(".slow.test.ts"))
    .map((file) => join("test", file))
    .filter((file) => /\bvi\.(mock|doMock|resetModules)\(/.test(readFileSync(join(root, file), "utf8")))
    .sort();
}

const isolated = filesNeedingIsolation();
// An empty `include` would mean vitest's default pattern, that is every file a second time.
const isolatedProject: TestProjectInlineConfiguration[] =
  isolated.length === 0 ? [] : [{ extends: true, test: { name: "isolated", include: isolated } }];

export default defineConfig({
  test: {
    // Every test must assert something; a test that asserts nothing fails.
    expect: { requireAssertions: true },
    // Most tests wait on sockets and timers, not the CPU: two workers even on two cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ["test/support/ram-tmpdir.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [SLOW_TESTS, "**/node_modules/**", ...isolated],
          // The files of a worker share their imports (zod, masto, the compiled knowledge of
          // test/support/knowledge.ts): importing them once per file was half the run. Tests keep
          // no state in modules; fake timers, spies and environment changes are undone per test.
          isolate: false,
        },
      },
      ...isolatedProject,
    ],
  },
});
