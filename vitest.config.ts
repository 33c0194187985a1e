import { defineConfig } from "vitest/config";

/** Tests that spawn processes, build or kill: `npm run test:slow` (vitest.slow.config.ts). */
export const SLOW_TESTS = "test/**/*.slow.test.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [SLOW_TESTS, "**/node_modules/**"],
    // Every test must assert something; a test that asserts nothing fails.
    expect: { requireAssertions: true },
    // Most tests wait on sockets and timers, not the CPU: two workers even on two cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
