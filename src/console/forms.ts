import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { localDateTimeToUtc } from "../domain/time";
import type { AppEnv } from "../env";
import { ApiError, asApiError } from "../http/api-error";
import { findIdempotencyKey } from "../db/queries/idempotency";
import { IdempotencyKeyTaken } from "../lib/errors";
import { CONSOLE_KEY_PREFIX } from "./context";
import { type FormState, type FormValues, invalidBody, refusedForm } from "./form-state";
import { resourcePath } from "./paths";

/** The same form sent twice (a double click): where the first submission's write shows. */
async function firstSubmission(c: Context<AppEnv>, key: string): Promise<string> {
  const claim = await findIdempotencyKey(c.get("db"), key, c.get("now"));
  const pageId = c.get("page")?.id;
  return pageId ? resourcePath(pageId, claim?.resource ?? null) : resourcePath("", claim?.resource ?? null);
}

/** The posted form as strings (a repeated name keeps its last value; files are not accepted). */
export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return {};
  // A malformed body (a multipart without its boundary, a cut-off upload) is the sender's error.
  const body = await c.req.parseBody().catch(() => {
    throw new ApiError(400, "validation_failed", "The form could not be read.", [{ field: "body", message: "Not a well-formed form." }]);
  });
  // Browsers send a textarea's line breaks as CRLF; stored text uses "\n", as the API's does.
  const strings = Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string");
  return Object.fromEntries(strings.map(([name, value]) => [name, value.replace(/\r\n?/g, "\n")]));
}

/** The input a schema validates, or the API's 400 with every field that failed. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidBody(result.error);
  return result.data;
}

/** An optional <input type="datetime-local"> in the page's zone, as the API's ISO time; a bad value fails at `field`. */
export function zonedTime(values: FormValues, field: string, timeZone: string): string | undefined {
  const raw = values[field]?.trim();
  if (!raw) return undefined;
  const ms = localDateTimeToUtc(raw, timeZone);
  if (ms === null)
    throw new ApiError(400, "validation_failed", "The form did not pass validation; see the fields below.", [
      { field: `body.${field}`, message: "A date and time, e.g. 2024-11-14 06:45." },
    ]);
  return new Date(ms).toISOString();
}

export const checked = (values: FormValues, field: string) => values[field] === "on";

/**
 * Whether the operator changed a field from what the form was drawn with (see the Was view). An edit
 * sends only those: resending a time rounded to the minute, or a status that moved meanwhile, would
 * silently overwrite what nobody touched.
 */
export function changed(values: FormValues, field: string): boolean {
  const was = `_was.${field}`;
  return !(was in values) || (values[field] ?? "") !== values[was];
}

/** Empty text is "not given". */
export const given = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);

type Render = (form: FormState, status: ContentfulStatusCode) => Response | Promise<Response>;

/**
 * Post/Redirect/Get: a write that commits answers 303 to where its result shows; a refused one
 * draws the same form again with what was typed and the API's messages next to their fields.
 * A form resumed across a sign-in is drawn again unsent, for the operator to check and send.
 */
export async function handleForm(
  c: Context<AppEnv>,
  render: Render,
  submit: (values: FormValues) => Promise<string | FormState | Response>,
): Promise<Response> {
  const values = await readForm(c);
  if (c.get("resumed")) {
    return render({ values, errors: {}, notice: "You are signed in again. Nothing has been sent yet: check what you typed and send it." }, 200);
  }
  try {
    const done = await submit(values);
    // A page that must be drawn once (a new secret): its answer itself, never a redirect to something stored.
    if (done instanceof Response) return done;
    // Not a write (a preview, a template chosen): the form again, as typed.
    return typeof done === "string" ? c.redirect(done, 303) : render(done, 200);
  } catch (error) {
    if (error instanceof IdempotencyKeyTaken && error.key.startsWith(CONSOLE_KEY_PREFIX)) return c.redirect(await firstSubmission(c, error.key), 303);
    const refused = asApiError(error);
    if (!refused) throw error;
    return render(refusedForm(values, refused), refused.status);
  }
}

/**
 * A one-click write (delete, cancel, move) posted across a sign-in is not carried out: the operator
 * is shown where it asks for confirmation (or the list it acts on) and decides again.
 */
export function resumedElsewhere(c: Context<AppEnv>, where = new URL(c.req.url).pathname): Response | null {
  return c.get("resumed") ? c.redirect(where, 303) : null;
}
