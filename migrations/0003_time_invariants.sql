-- Edited after drizzle-kit generate (the schema and meta/0003_snapshot.json are as generated):
-- D1 runs a migration in one transaction, where PRAGMA foreign_keys=OFF does nothing, so DROP TABLE
-- incidents / incident_updates would cascade-delete every update, transition and affected component.
-- Their rows are copied aside first and put back once the rebuilt parents exist. duration_ms is
-- generated, so it is not copied (SQLite computes it again).
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__keep_incident_updates` AS SELECT * FROM `incident_updates`;--> statement-breakpoint
CREATE TABLE `__keep_update_components` AS SELECT * FROM `update_components`;--> statement-breakpoint
CREATE TABLE `__keep_incident_components` AS SELECT * FROM `incident_components`;--> statement-breakpoint
CREATE TABLE `__new_component_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` text NOT NULL,
	`component_id` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`changed_at` integer NOT NULL,
	`incident_id` text,
	`update_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "component_status_changes_times_check" CHECK((changed_at IS NULL OR changed_at >= 946684800000) AND (created_at IS NULL OR created_at >= 946684800000))
);
--> statement-breakpoint
INSERT INTO `__new_component_status_changes`("id", "page_id", "component_id", "from_status", "to_status", "changed_at", "incident_id", "update_id", "created_at") SELECT "id", "page_id", "component_id", "from_status", "to_status", "changed_at", "incident_id", "update_id", "created_at" FROM `component_status_changes`;--> statement-breakpoint
DROP TABLE `component_status_changes`;--> statement-breakpoint
ALTER TABLE `__new_component_status_changes` RENAME TO `component_status_changes`;--> statement-breakpoint
CREATE INDEX `component_status_changes_component_idx` ON `component_status_changes` (`component_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `__new_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`impact_override` text,
	`impact_reached` text DEFAULT 'none' NOT NULL,
	`started_at` integer NOT NULL,
	`monitoring_at` integer,
	`resolved_at` integer,
	`scheduled_for` integer,
	`scheduled_until` integer,
	`auto_start` integer DEFAULT false NOT NULL,
	`auto_complete` integer DEFAULT false NOT NULL,
	`cancelled_at` integer,
	`postmortem_body` text,
	`postmortem_published_at` integer,
	`postmortem_updated_at` integer,
	`last_update_seq` integer DEFAULT 0 NOT NULL,
	`duration_ms` integer GENERATED ALWAYS AS (CASE WHEN resolved_at IS NULL THEN NULL ELSE max(0, resolved_at - started_at) END) VIRTUAL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "incidents_status_check" CHECK((kind = 'incident' AND status IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem')) OR (kind = 'maintenance' AND status IN ('scheduled', 'in_progress', 'verifying', 'completed'))),
	CONSTRAINT "incidents_impact_check" CHECK(impact_reached IN ('none', 'minor', 'major', 'critical')),
	CONSTRAINT "incidents_resolved_after_start_check" CHECK(resolved_at IS NULL OR resolved_at >= started_at),
	CONSTRAINT "incidents_window_check" CHECK(kind = 'incident' OR (scheduled_for IS NOT NULL AND scheduled_until IS NOT NULL AND scheduled_until >= scheduled_for)),
	CONSTRAINT "incidents_times_check" CHECK((started_at IS NULL OR started_at >= 946684800000) AND (scheduled_for IS NULL OR scheduled_for >= 946684800000) AND (postmortem_published_at IS NULL OR postmortem_published_at >= 946684800000) AND (postmortem_updated_at IS NULL OR postmortem_updated_at >= 946684800000) AND (created_at IS NULL OR created_at >= 946684800000) AND (updated_at IS NULL OR updated_at >= 946684800000)),
	CONSTRAINT "incidents_monitoring_after_start_check" CHECK(monitoring_at IS NULL OR monitoring_at >= started_at)
);
--> statement-breakpoint
INSERT INTO `__new_incidents`("id", "page_id", "kind", "name", "status", "impact_override", "impact_reached", "started_at", "monitoring_at", "resolved_at", "scheduled_for", "scheduled_until", "auto_start", "auto_complete", "cancelled_at", "postmortem_body", "postmortem_published_at", "postmortem_updated_at", "last_update_seq", "created_at", "updated_at") SELECT "id", "page_id", "kind", "name", "status", "impact_override", "impact_reached", "started_at", "monitoring_at", "resolved_at", "scheduled_for", "scheduled_until", "auto_start", "auto_complete", "cancelled_at", "postmortem_body", "postmortem_published_at", "postmortem_updated_at", "last_update_seq", "created_at", "updated_at" FROM `incidents`;--> statement-breakpoint
DROP TABLE `incidents`;--> statement-breakpoint
ALTER TABLE `__new_incidents` RENAME TO `incidents`;--> statement-breakpoint
CREATE INDEX `incidents_page_started_idx` ON `incidents` (`page_id`,`kind`,`started_at`);--> statement-breakpoint
CREATE INDEX `incidents_page_status_idx` ON `incidents` (`page_id`,`kind`,`status`);--> statement-breakpoint
CREATE TABLE `__new_incident_updates` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`body` text NOT NULL,
	`display_at` integer NOT NULL,
	`deliver_notifications` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "incident_updates_seq_check" CHECK(seq >= 1),
	CONSTRAINT "incident_updates_times_check" CHECK((display_at IS NULL OR display_at >= 946684800000) AND (created_at IS NULL OR created_at >= 946684800000) AND (updated_at IS NULL OR updated_at >= 946684800000))
);
--> statement-breakpoint
INSERT INTO `__new_incident_updates`("id", "incident_id", "seq", "status", "body", "display_at", "deliver_notifications", "created_at", "updated_at") SELECT "id", "incident_id", "seq", "status", "body", "display_at", "deliver_notifications", "created_at", "updated_at" FROM `__keep_incident_updates`;--> statement-breakpoint
DROP TABLE `incident_updates`;--> statement-breakpoint
ALTER TABLE `__new_incident_updates` RENAME TO `incident_updates`;--> statement-breakpoint
CREATE UNIQUE INDEX `incident_updates_seq_unique` ON `incident_updates` (`incident_id`,`seq`);--> statement-breakpoint
INSERT INTO `update_components`("update_id", "incident_id", "component_id", "component_name", "old_status", "new_status") SELECT "update_id", "incident_id", "component_id", "component_name", "old_status", "new_status" FROM `__keep_update_components`;--> statement-breakpoint
INSERT INTO `incident_components`("incident_id", "component_id") SELECT "incident_id", "component_id" FROM `__keep_incident_components`;--> statement-breakpoint
DROP TABLE `__keep_incident_updates`;--> statement-breakpoint
DROP TABLE `__keep_update_components`;--> statement-breakpoint
DROP TABLE `__keep_incident_components`;