import type { Context } from "hono";
import { publicPage, type PublicPage } from "../cache/serve";
import type { AppEnv } from "../env";
import { ApiError } from "../http/api-error";

/** The page this host serves, or the JSON 404 a badge or the widget's words answer without one. */
export async function requirePage(c: Context<AppEnv>): Promise<PublicPage> {
  const page = await publicPage(c);
  if (!page)
    throw new ApiError(404, "page_not_configured", "No status page is configured for this address.", [
      { field: "header.host", message: "No page for this host and no default page." },
    ]);
  return page;
}
