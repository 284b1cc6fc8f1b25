import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";
import type { PageRow } from "./db/schema";
import type { Site } from "./cache/routing";
import type { Voice } from "./i18n/words";
import type { IdempotencyClaim } from "./db/queries/idempotency";

export type Db = DrizzleD1Database<typeof schema>;

/** The one environment type every router and middleware shares. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Db;
    requestId: string;
    /** One clock reading per request (the Workers clock is frozen during CPU work anyway). */
    now: number;
    page: PageRow;
    /** Public reads: the routing record (with the scheduler's heartbeat) once it has been read. */
    site?: Site;
    /** Public pages: the language this reader is answered in (see readerWords). */
    words?: Voice;
    /** Admin writes sent with an Idempotency-Key: claimed in the batch of the write. */
    idempotency?: IdempotencyClaim;
    /** Who is writing, as the audit log names them: set by the admin API's and the console's auth. */
    actor?: string;
    /** Console: how the operator signed in (Access signs out at Access, a session here). */
    signedInWith?: "access" | "session";
    /** Console: this form was posted across a sign-in; show it again, unsent. */
    resumed?: boolean;
    /** Console: every page, for the page switcher. */
    pages?: PageRow[];
  };
}

// Optional variables `wrangler types` cannot see (they are not in wrangler.toml): declared here, not
// in the generated worker-configuration.d.ts, so regenerating it keeps them.
declare global {
  namespace Cloudflare {
    interface Env {
      /** "1" in .dev.vars and the tests: the example admin token is accepted. Never in production. */
      LOCAL_MODE?: string;
      /** Both set: the console signs in through Cloudflare Access ("<team>.cloudflareaccess.com", the application's AUD tag). */
      ACCESS_TEAM_DOMAIN?: string;
      ACCESS_AUD?: string;
      /** How mail leaves: "log" (default: the local mail log), "cloudflare" (the EMAIL binding) or "http" (MAIL_API_URL with MAIL_API_KEY). */
      MAIL_TRANSPORT?: string;
      /** The sender address, e.g. "Blip status <status@blip.example>". */
      MAIL_FROM?: string;
      MAIL_API_KEY?: string;
      MAIL_API_URL?: string;
      /** Cloudflare's email sending binding, when MAIL_TRANSPORT is "cloudflare". */
      EMAIL?: SendEmail;
    }
  }
}
