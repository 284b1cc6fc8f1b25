import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { localDateTimeToUtc } from "../domain/time";
import type { AppEnv } from "../env";
import { ApiError, asApiError } from "../http/api-error";
import { type FormState, type FormValues, invalidBody, refusedForm } from "./form-state";

/** The posted form as strings (a repeated name keeps its last value; files are not accepted). */
export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return {};
  const body = await c.req.parseBody();
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

/** Empty text is "not given". */
export const given = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);

type Render = (form: FormState, status: ContentfulStatusCode) => Response | Promise<Response>;

/**
 * Post/Redirect/Get: a write that commits answers 303 to where its result shows; a refused one
 * draws the same form again with what was typed and the API's messages next to their fields.
 * A form resumed across a sign-in is drawn again unsent, for the operator to check and send.
 */
export async function handleForm(c: Context<AppEnv>, render: Render, submit: (values: FormValues) => Promise<string | FormState>): Promise<Response> {
  const values = await readForm(c);
  if (c.get("resumed")) {
    return render({ values, errors: {}, notice: "You are signed in again. Nothing has been sent yet: check what you typed and send it." }, 200);
  }
  try {
    const done = await submit(values);
    // Not a write (a preview, a template chosen): the form again, as typed.
    return typeof done === "string" ? c.redirect(done, 303) : render(done, 200);
  } catch (error) {
    const refused = asApiError(error);
    if (!refused) throw error;
    return render(refusedForm(values, refused), refused.status);
  }
}
