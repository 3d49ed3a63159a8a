import { defineConfig } from "vitest/config";

// Three tiers: unit (pure code, no database), integration (real Neo4j), e2e (HTTP through yoga.fetch
// and a real socket). The database tiers share one Neo4j, started once by the global setup, and run
// their files one at a time so each file's data stays its own.
export default defineConfig({
  test: {
    env: { NODE_ENV: "test" },
    projects: [
      // Unit tests are the pure rules: rules-only extraction, no NLP server (KG_NLP=none).
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], env: { KG_NLP: "none" } } },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
