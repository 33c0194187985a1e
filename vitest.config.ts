import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Every test must assert something; a test that asserts nothing fails.
    expect: { requireAssertions: true },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
