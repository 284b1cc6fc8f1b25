import type { ZodError } from "zod";
import type { ErrorDetail } from "../lib/errors";
import { ApiError } from "../http/api-error";
import { zodDetails } from "../http/errors";

/** What a form was sent with: one string per field (checkboxes: "on" when ticked, absent otherwise). */
export type FormValues = Record<string, string>;

/** A form as it is drawn: the values to show, the API's messages by field, and what to say above it. */
export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  /** The refusal's message, above the form with a link to each field in error. */
  summary?: string;
  /** A 409 "changed since you opened it": the thing as it is now. */
  current?: unknown;
  notice?: string;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

/** "body.components.2.status" → "components": the form field an API detail is about ("" for the form as a whole). */
export function fieldOf(detail: ErrorDetail): string {
  const [target, first] = detail.field.split(".");
  if (target !== "body") return detail.field;
  return first ?? "";
}

/** The API's refusal, drawn on the form that was sent: every detail next to its field. */
export function refusedForm(values: FormValues, error: ApiError): FormState {
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    const field = fieldOf(detail);
    errors[field] = errors[field] ? `${errors[field]} ${detail.message}` : detail.message;
  }
  // A lost race: the form is now based on the version that won, so sending it again is a decision made knowingly.
  const current = error.current as { version?: unknown } | undefined;
  const based = typeof current?.version === "number" ? { ...values, version: String(current.version) } : values;
  return { values: based, errors, summary: error.message, current: error.current };
}

/** A schema failure as the API answers it (400 validation_failed on body.*). */
export const invalidBody = (error: ZodError) =>
  new ApiError(400, "validation_failed", "The form did not pass validation; see the fields below.", zodDetails(error, "json"));
