import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Two projects, one run (`npm test`), one summary line:
// - "workers": every test inside workerd against local D1 and KV;
// - "browser": Node drives Debian's Chromium (playwright-core) against `wrangler dev` started by
//   test/browser/global-setup.ts on a free port with its own throw-away state.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      reporters: ["default", "./scripts/summary-reporter.ts"],
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: "./src/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: "test-admin-token", DEV_ROUTES: "1", LOCAL_MODE: "1" },
                // Limiter state lives for the whole run: the suite's own writes must never reach the
                // write limit, so the tests that hit it swap in TEST_TIGHT_LIMITER (3 per minute).
                ratelimits: {
                  ADMIN_WRITE_LIMITER: { simple: { limit: 100_000, period: 60 } },
                  TEST_TIGHT_LIMITER: { simple: { limit: 3, period: 60 } },
                },
                // Writes queue their deliveries to a queue nothing consumes: the tests run the consumer
                // themselves (test/subscribers), so no background delivery races their assertions.
                queueProducers: { DELIVERIES: { queueName: "test-deliveries-unconsumed" } },
              },
            }),
          ],
          test: {
            name: "workers",
            include: ["test/**/*.test.ts"],
            exclude: ["test/browser/**", "**/node_modules/**"],
            setupFiles: ["./test/helpers/apply-migrations.ts"],
            // Generous for a loaded 2-core machine; nothing here asserts speed.
            testTimeout: 20_000,
            hookTimeout: 60_000,
          },
        },
        {
          test: {
            name: "browser",
            environment: "node",
            include: ["test/browser/**/*.test.ts"],
            globalSetup: ["./test/browser/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
