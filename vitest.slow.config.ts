import { defineConfig } from "vitest/config";
import { SLOW_TESTS } from "./vitest.config.js";

// The slow suite: process-spawning end-to-end tests, the production build and the Dockerfile
// replay with its real `npm ci`. One file at a time, and limits generous enough for a loaded
// two-core machine: each test waits on events (a post, an exit, a health answer), and a limit
// only ends a test that is truly stuck.
export default defineConfig({
  test: {
    include: [SLOW_TESTS],
    expect: { requireAssertions: true },
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
