import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Kept apart from vite.config.ts so the Remix plugin never runs under test.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: [
      "app/**/*.test.{ts,tsx}",
      "packages/**/*.test.{ts,tsx}",
      "tests/**/*.test.{ts,tsx}",
      "extensions/**/*.test.{ts,tsx}",
      "scripts/**/*.test.ts",
    ],
    // tests/postgres runs only against a server: `npm run test:postgres`.
    exclude: ["**/node_modules/**", "tests/e2e/**", ...(process.env.TEST_POSTGRES_URL ? [] : ["tests/postgres/**"])],
    globalSetup: ["tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/env.ts"],
    server: { deps: { inline: ["@shopify/shopify_function"] } },
    testTimeout: 20_000,
    // Browser tests poll for what a person would wait for; an accepted popup shows "Added ✓" for 1.5 s before it
    // closes (decision record 0068), which the default of 1 s does not cover.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 60_000,
    pool: "forks",
  },
});
