import { z } from "@hono/zod-openapi";
import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, INDICATORS, MAINTENANCE_STATUSES } from "../domain/statuses";

// The Statuspage v2 shapes, so existing clients work by changing a URL. Key order follows real captures.
const timestamp = z.string().openapi({ description: "ISO-8601 with milliseconds, in the page's UTC offset", example: "2024-11-14T08:56:00.000-03:00" });
const id = z.string().openapi({ pattern: "^[a-z0-9]{12}$", example: "x7k2m9q4p1az" });

export const PageSchema = z.object({ id, name: z.string(), url: z.string(), time_zone: z.string(), updated_at: timestamp }).openapi("Page");

export const StatusSchema = z.object({ indicator: z.enum(INDICATORS), description: z.string() }).openapi("Status");

export const ComponentSchema = z
  .object({
    id,
    name: z.string(),
    status: z.enum(COMPONENT_STATUSES),
    created_at: timestamp,
    updated_at: timestamp,
    position: z.number().int(),
    description: z.string().nullable(),
    showcase: z.boolean(),
    start_date: z.string().nullable().openapi({ example: "2024-01-31" }),
    group_id: id.nullable(),
    page_id: id,
    group: z.boolean(),
    only_show_if_degraded: z.boolean(),
    components: z.array(id).optional().openapi({ description: "Groups only: ids of the components in the group" }),
  })
  .openapi("Component");

export const AffectedComponentSchema = z.object({
  code: id,
  name: z.string(),
  old_status: z.enum(COMPONENT_STATUSES),
  new_status: z.enum(COMPONENT_STATUSES),
});

export const IncidentUpdateSchema = z
  .object({
    id,
    status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]),
    body: z.string().openapi({ description: "Markdown" }),
    incident_id: id,
    created_at: timestamp,
    updated_at: timestamp,
    display_at: timestamp,
    affected_components: z.array(AffectedComponentSchema).nullable(),
    deliver_notifications: z.boolean(),
    custom_tweet: z.null(),
    tweet_id: z.null(),
  })
  .openapi("IncidentUpdate");

const eventFields = {
  id,
  name: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  monitoring_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
  shortlink: z.string().nullable(),
  started_at: timestamp,
  page_id: id,
  incident_updates: z.array(IncidentUpdateSchema),
  components: z.array(ComponentSchema),
  postmortem_body: z.string().nullable().optional().openapi({ description: "Markdown; absent in summary.json" }),
  postmortem_body_last_updated_at: timestamp.nullable().optional(),
};

export const IncidentSchema = z.object({ ...eventFields, status: z.enum(INCIDENT_STATUSES), impact: z.enum(IMPACTS) }).openapi("Incident");

export const MaintenanceSchema = z
  .object({
    ...eventFields,
    status: z.enum(MAINTENANCE_STATUSES),
    impact: z.literal("maintenance"),
    scheduled_for: timestamp,
    scheduled_until: timestamp,
  })
  .openapi("ScheduledMaintenance");

export const SummarySchema = z
  .object({
    page: PageSchema,
    components: z.array(ComponentSchema),
    incidents: z.array(IncidentSchema),
    scheduled_maintenances: z.array(MaintenanceSchema),
    status: StatusSchema,
  })
  .openapi("Summary");

export type PublicPage = z.infer<typeof PageSchema>;
export type PublicStatus = z.infer<typeof StatusSchema>;
export type PublicComponent = z.infer<typeof ComponentSchema>;
export type PublicUpdate = z.infer<typeof IncidentUpdateSchema>;
export type PublicIncident = z.infer<typeof IncidentSchema>;
export type PublicMaintenance = z.infer<typeof MaintenanceSchema>;
