import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Tests run against the same migrations wrangler applies, on a fresh local D1 per test file.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
