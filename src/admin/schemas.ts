import { z } from "@hono/zod-openapi";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../domain/statuses";
import { isValidTimeZone } from "../domain/time";
import { CLOCK_SKEW_MS, EARLIEST_TIME_MS, PLAN_HORIZON_DAYS } from "../domain/time-bounds";
import { LOCALES } from "../i18n/locales";
import { ID_PATTERN } from "../lib/ids";

// Unknown keys are refused (strictObject): a misspelt field must not be silently ignored.

export const IdSchema = z.string().regex(ID_PATTERN, "Ids are 12 lowercase letters or digits.").openapi({ example: "x7k2m9q4p1az" });
export const IdParam = z.object({ id: IdSchema.openapi({ param: { name: "id", in: "path" } }) });
export const UpdateIdParam = IdParam.extend({ updateId: IdSchema.openapi({ param: { name: "updateId", in: "path" } }) });

// A lone UTF-16 surrogate is not text: D1 would store it as bytes no reader can decode.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = () => z.string().refine((s) => !LONE_SURROGATE.test(s), "Must be valid Unicode text (a lone surrogate was sent).");
const name = text().trim().min(1, "Must not be empty.").max(200);
const body = text().trim().min(1, "Must not be empty.").max(20_000).openapi({ description: "Markdown" });
const description = text().trim().max(1_000).nullable();
const timestamp = z.iso
  .datetime({ offset: true, message: "An ISO-8601 date-time with an offset, e.g. 2024-11-14T08:56:00-03:00." })
  .transform((s) => Date.parse(s))
  .openapi({ type: "string", format: "date-time", example: "2024-11-14T08:56:00-03:00" });
const date = z.iso.date("A date as YYYY-MM-DD.").nullable();

// The bounds are checked by the services against the request's clock (422, see src/domain/time-bounds.ts).
const SINCE = `Not before ${new Date(EARLIEST_TIME_MS).toISOString().slice(0, 10)} (422 timestamp_out_of_range).`;
/** A time that records something that happened. */
const past = (what: string) =>
  timestamp.openapi({ description: `${what} At most ${CLOCK_SKEW_MS / 60_000} minutes ahead of the server's clock (422 timestamp_in_future). ${SINCE}` });
/** A time that plans something. */
const plan = (what: string) => timestamp.openapi({ description: `${what} At most ${PLAN_HORIZON_DAYS} days ahead (422 timestamp_in_future). ${SINCE}` });
const timeZone = z.string().refine(isValidTimeZone, "Not an IANA time zone name (e.g. America/Sao_Paulo).");

const uniqueBy =
  <T>(key: (item: T) => string) =>
  (items: T[]) =>
    new Set(items.map(key)).size === items.length;

export const PageSettingsInput = z
  .strictObject({
    auto_resolve_after_minutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .optional()
      .openapi({ description: "Resolve an incident left in monitoring this many minutes after its latest update (default 60; 0 turns it off)", example: 60 }),
  })
  .openapi("PageSettings");

const pageFields = z.strictObject({
  name,
  // Feeds, shortlinks and page links are built on it: only a web address may be one.
  url: z
    .url({ protocol: /^https?$/, message: "An http(s) URL, e.g. https://status.example.com." })
    .max(500)
    .openapi({ example: "https://status.example.com" }),
  host: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+(:\d+)?$/, "A host name such as status.example.com.")
    .nullable()
    .optional(),
  time_zone: timeZone,
  default: z.boolean().optional(),
  settings: PageSettingsInput.optional(),
  locale: z
    .enum(LOCALES)
    .optional()
    .openapi({ description: "The language the page speaks (the API keeps its English enums and ISO times).", example: "pt-BR" }),
  locales: z
    .array(z.enum(LOCALES))
    .min(1)
    .refine((list) => new Set(list).size === list.length, "Each language once.")
    .optional()
    .openapi({
      description: "Languages readers may switch to (Accept-Language picks among them); the page's own is always offered.",
      example: ["en", "pt-BR"],
    }),
});
export const PageInput = pageFields.extend({ time_zone: timeZone.default("Etc/UTC") }).openapi("PageInput");
// Built from the fields, not from PageInput: a patch must not inherit the time zone's default.
export const PagePatch = pageFields.partial().openapi("PagePatch");

export const ComponentInput = z
  .strictObject({
    name,
    description: description.optional(),
    group: z.boolean().optional().openapi({ description: "Create a group (groups are one level deep)" }),
    group_id: IdSchema.nullable().optional(),
    status: z.enum(COMPONENT_STATUSES).optional(),
    showcase: z.boolean().optional(),
    only_show_if_degraded: z.boolean().optional(),
    start_date: date.optional().openapi({
      description: `Uptime counts from this day (in the page's time zone); may lie ahead, at most ${PLAN_HORIZON_DAYS} days (422 timestamp_in_future). ${SINCE}`,
    }),
  })
  .openapi("ComponentInput");
export const ComponentPatch = ComponentInput.omit({ group: true }).partial().openapi("ComponentPatch");

export const ComponentOrder = z
  .strictObject({
    group_id: IdSchema.nullable().openapi({ description: "The group whose children to order; null for the top level" }),
    ids: z
      .array(IdSchema)
      .max(500)
      .refine(
        uniqueBy((id: string) => id),
        "Each id once.",
      ),
  })
  .openapi("ComponentOrder");

const componentStatuses = z
  .array(z.strictObject({ id: IdSchema, status: z.enum(COMPONENT_STATUSES) }))
  .max(200)
  .refine(
    uniqueBy((c: { id: string }) => c.id),
    "Each component once.",
  );

export const IncidentInput = z
  .strictObject({
    name,
    status: z
      .enum(INCIDENT_STATUSES.filter((s) => s !== "postmortem") as ["investigating", "identified", "monitoring", "resolved"])
      .default("investigating")
      .openapi({ description: "A postmortem is published on a resolved incident: PUT /incidents/{id}/postmortem" }),
    body,
    impact: z.enum(IMPACTS).nullable().optional().openapi({ description: "Override; by default the worst impact the component statuses reach" }),
    started_at: past("When impact began; may be earlier than the first update; defaults to display_at.").optional(),
    display_at: past("Shown time of the first update; defaults to now; not before started_at (422 timestamp_order).").optional(),
    components: componentStatuses.default([]),
    deliver_notifications: z.boolean().optional(),
  })
  .openapi("IncidentInput");

export const IncidentUpdateInput = z
  .strictObject({
    status: z.enum(INCIDENT_STATUSES).optional().openapi({ description: "Defaults to the current status" }),
    body,
    display_at: past(
      "Shown time; defaults to now. May be back-dated (updates keep the order they were posted in), but not before the incident's started_at (422 timestamp_order); a resolving update's display_at is its resolved_at.",
    ).optional(),
    components: componentStatuses.optional(),
    deliver_notifications: z.boolean().optional(),
  })
  .openapi("IncidentUpdateInput");

export const IncidentPatch = z
  .strictObject({
    name: name.optional(),
    impact: z.enum(IMPACTS).nullable().optional(),
    started_at: past("Not after the first update's display_at, monitoring_at or resolved_at (422 timestamp_order).").optional(),
  })
  .openapi("IncidentPatch");

export const UpdateBodyInput = z.strictObject({ body }).openapi("UpdateBodyInput");

export const PostmortemInput = z
  .strictObject({
    body,
    published_at: past(
      "Defaults to now. Not before the incident's started_at, nor, for a replacement, before the first publication (422 timestamp_order).",
    ).optional(),
  })
  .openapi("PostmortemInput");

const componentIds = z
  .array(IdSchema)
  .max(200)
  .refine(
    uniqueBy((id: string) => id),
    "Each component once.",
  );

export const MaintenanceInput = z
  .strictObject({
    name,
    body,
    scheduled_for: plan("Start of the window."),
    scheduled_until: plan("End of the window; not before scheduled_for (422 timestamp_order)."),
    component_ids: componentIds.default([]),
    auto_start: z.boolean().optional(),
    auto_complete: z.boolean().optional(),
    deliver_notifications: z.boolean().optional(),
  })
  .openapi("MaintenanceInput");

export const MaintenancePatch = z
  .strictObject({
    name: name.optional(),
    scheduled_for: plan("Start of the window; only before it starts.").optional(),
    scheduled_until: plan("End of the window; not before scheduled_for (422 timestamp_order).").optional(),
    component_ids: componentIds.optional(),
    auto_start: z.boolean().optional(),
    auto_complete: z.boolean().optional(),
  })
  .openapi("MaintenancePatch");

export const MaintenanceUpdateInput = z
  .strictObject({
    status: z.enum(MAINTENANCE_STATUSES).optional(),
    body,
    display_at: past(
      "Shown time; defaults to now. Starting stamps it as started_at, completing as resolved_at; once started, not before the start (422 timestamp_order).",
    ).optional(),
    components: componentStatuses.optional(),
    deliver_notifications: z.boolean().optional(),
  })
  .openapi("MaintenanceUpdateInput");

export const CancelInput = z.strictObject({ body: body.optional() }).openapi("CancelInput");

/** Maps the API's { id, status } pairs to the domain's. */
export const toRequested = (items: { id: string; status: (typeof COMPONENT_STATUSES)[number] }[] = []) =>
  items.map((c) => ({ componentId: c.id, status: c.status }));

export const TemplateInput = z
  .strictObject({
    kind: z.enum(["incident", "maintenance"]).default("incident").openapi({ description: "Offered when posting updates to incidents, or to maintenances" }),
    name,
    status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]).openapi({ description: "A status of the template's kind of event" }),
    body,
  })
  .refine((t) => (t.kind === "incident" ? (INCIDENT_STATUSES as readonly string[]) : MAINTENANCE_STATUSES).includes(t.status), {
    message: "Not a status of this kind of event.",
    path: ["status"],
  })
  .openapi("TemplateInput");

export const TemplatePatch = z
  .strictObject({ name: name.optional(), status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]).optional(), body: body.optional() })
  .openapi("TemplatePatch");
