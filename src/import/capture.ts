import { z } from "@hono/zod-openapi";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "../domain/statuses";
import { isValidTimeZone } from "../domain/time";

// The hosted service's JSON as its public API serves it: objects carry more fields than these, which
// are ignored (a capture is not written by hand); the ones read are checked as strictly as our own
// input, so a malformed capture is refused with the path of each bad field.

// Hosted ids are 12 lowercase letters and digits; older pages have other lengths.
const sourceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "A hosted id: letters, digits, - or _.");
const time = z.iso.datetime({ offset: true, message: "An ISO-8601 date-time." }).transform((s) => Date.parse(s));
// A lone UTF-16 surrogate is not text: refused as the admin API refuses it (D1 would mangle it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), "Must be valid Unicode text (a lone surrogate).");

const componentStatus = z.enum(COMPONENT_STATUSES);

export const SourceComponent = z.object({
  id: sourceId,
  name: text(200).trim().min(1),
  status: componentStatus,
  position: z.number().int(),
  description: text(1_000).nullish(),
  showcase: z.boolean().optional(),
  start_date: z.iso.date().nullish(),
  group_id: sourceId.nullish(),
  group: z.boolean().optional(),
  only_show_if_degraded: z.boolean().optional(),
  created_at: time,
});

const AffectedComponent = z.object({
  code: sourceId,
  name: text(200),
  old_status: componentStatus.nullish(),
  new_status: componentStatus,
});

const update = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.object({
    id: sourceId,
    status: z.enum(statuses),
    body: text(20_000),
    created_at: time,
    display_at: time.nullish(),
    affected_components: z.array(AffectedComponent).max(500).nullish(),
  });

const eventFields = {
  id: sourceId,
  name: text(200).trim().min(1),
  impact: z.enum(IMPACTS),
  created_at: time,
  started_at: time.nullish(),
  resolved_at: time.nullish(),
  monitoring_at: time.nullish(),
  postmortem_body: text(20_000).nullish(),
  postmortem_published_at: time.nullish(),
  postmortem_body_last_updated_at: time.nullish(),
  components: z
    .array(z.object({ id: sourceId }))
    .max(500)
    .nullish(),
};

export const SourceIncident = z.object({ ...eventFields, status: z.enum(INCIDENT_STATUSES), incident_updates: z.array(update(INCIDENT_STATUSES)).max(500) });

export const SourceMaintenance = z.object({
  ...eventFields,
  // The hosted API (and ours) says "maintenance" for a maintenance's impact.
  impact: z.enum([...IMPACTS, "maintenance"]),
  status: z.enum(MAINTENANCE_STATUSES),
  scheduled_for: time,
  scheduled_until: time,
  incident_updates: z.array(update(MAINTENANCE_STATUSES)).max(500),
});

export const SourcePage = z.object({
  id: sourceId,
  name: text(200).trim().min(1),
  url: z.url({ protocol: /^https?$/ }).max(500),
  time_zone: z.string().refine(isValidTimeZone, "Not an IANA time zone name."),
  /** When the capture was taken: the components' statuses are as of then. */
  updated_at: time.nullish(),
});

// The largest a capture may be: the public API gives 50 incidents; the CLI sends a long history in parts.
export const MAX_EVENTS = 1_000;

export const ImportInput = z
  .strictObject({
    summary: z.object({
      page: SourcePage,
      components: z
        .array(SourceComponent)
        .max(500)
        .refine((list) => new Set(list.map((c) => c.id)).size === list.length, "Each component once: an id is listed twice."),
      // The summary's own: the open incidents and the active and upcoming maintenances.
      incidents: z.array(SourceIncident).max(MAX_EVENTS).optional(),
      scheduled_maintenances: z.array(SourceMaintenance).max(MAX_EVENTS).optional(),
    }),
    incidents: z.object({ incidents: z.array(SourceIncident).max(MAX_EVENTS) }).optional(),
    maintenances: z.object({ scheduled_maintenances: z.array(SourceMaintenance).max(MAX_EVENTS) }).optional(),
    host: z
      .string()
      .trim()
      .toLowerCase()
      .max(253)
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, "A host name, e.g. status.example.com.")
      .openapi({ description: "The host the new page answers on (or the existing page it updates).", example: "status.example.com" }),
    dry_run: z.boolean().default(false).openapi({ description: "Answer what would be created, updated and skipped; write nothing." }),
  })
  .openapi("ImportInput");

export type ImportInput = z.infer<typeof ImportInput>;
export type SourceComponent = z.infer<typeof SourceComponent>;
export type SourceIncident = z.infer<typeof SourceIncident>;
export type SourceMaintenance = z.infer<typeof SourceMaintenance>;
