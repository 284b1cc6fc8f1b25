import type { z } from "@hono/zod-openapi";
import type { IncidentUpdateInput as PlannedUpdate, NewIncidentInput } from "../domain/incident-plans";
import type { MaintenancePatch as PlannedPatch, MaintenanceUpdateInput as PlannedMaintenanceUpdate, NewMaintenanceInput } from "../domain/maintenance-plans";
import {
  type IncidentInput,
  type IncidentUpdateInput,
  type MaintenanceInput,
  type MaintenancePatch,
  type MaintenanceUpdateInput,
  toRequested,
} from "./schemas";

// The API's validated bodies (snake_case, as the Statuspage API spells them) as the planners take
// them; the admin API and the console both go through these.

export const newIncidentOf = (input: z.output<typeof IncidentInput>): NewIncidentInput => ({
  name: input.name,
  status: input.status,
  body: input.body,
  impact: input.impact,
  startedAt: input.started_at,
  displayAt: input.display_at,
  components: toRequested(input.components),
  deliverNotifications: input.deliver_notifications,
});

export const incidentUpdateOf = (input: z.output<typeof IncidentUpdateInput>): PlannedUpdate => ({
  status: input.status,
  body: input.body,
  displayAt: input.display_at,
  components: input.components ? toRequested(input.components) : undefined,
  deliverNotifications: input.deliver_notifications,
});

export const newMaintenanceOf = (input: z.output<typeof MaintenanceInput>): NewMaintenanceInput => ({
  name: input.name,
  body: input.body,
  scheduledFor: input.scheduled_for,
  scheduledUntil: input.scheduled_until,
  componentIds: input.component_ids,
  autoStart: input.auto_start,
  autoComplete: input.auto_complete,
  deliverNotifications: input.deliver_notifications,
});

export const maintenancePatchOf = (input: z.output<typeof MaintenancePatch>): PlannedPatch => ({
  name: input.name,
  scheduledFor: input.scheduled_for,
  scheduledUntil: input.scheduled_until,
  componentIds: input.component_ids,
  autoStart: input.auto_start,
  autoComplete: input.auto_complete,
});

export const maintenanceUpdateOf = (input: z.output<typeof MaintenanceUpdateInput>): PlannedMaintenanceUpdate => ({
  status: input.status,
  body: input.body,
  displayAt: input.display_at,
  components: input.components ? toRequested(input.components) : undefined,
  deliverNotifications: input.deliver_notifications,
});
