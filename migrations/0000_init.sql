CREATE TABLE `component_status_changes` (
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
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `component_status_changes_component_idx` ON `component_status_changes` (`component_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `components` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`group_id` text,
	`is_group` integer DEFAULT false NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`status` text DEFAULT 'operational' NOT NULL,
	`position` integer NOT NULL,
	`showcase` integer DEFAULT true NOT NULL,
	`only_show_if_degraded` integer DEFAULT false NOT NULL,
	`start_date` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "components_status_check" CHECK(status IN ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
	CONSTRAINT "components_group_flat_check" CHECK(NOT (is_group = 1 AND group_id IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `components_page_idx` ON `components` (`page_id`,`group_id`,`position`);--> statement-breakpoint
CREATE TABLE `incident_components` (
	`incident_id` text NOT NULL,
	`component_id` text NOT NULL,
	PRIMARY KEY(`incident_id`, `component_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_components_component_idx` ON `incident_components` (`component_id`);--> statement-breakpoint
CREATE TABLE `incident_updates` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`seq` integer NOT NULL,
	`status` text NOT NULL,
	`body` text NOT NULL,
	`display_at` integer NOT NULL,
	`deliver_notifications` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_updates_seq_unique` ON `incident_updates` (`incident_id`,`seq`);--> statement-breakpoint
CREATE TABLE `incidents` (
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
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "incidents_status_check" CHECK((kind = 'incident' AND status IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem')) OR (kind = 'maintenance' AND status IN ('scheduled', 'in_progress', 'verifying', 'completed'))),
	CONSTRAINT "incidents_impact_check" CHECK(impact_reached IN ('none', 'minor', 'major', 'critical')),
	CONSTRAINT "incidents_resolved_after_start_check" CHECK(resolved_at IS NULL OR resolved_at >= started_at),
	CONSTRAINT "incidents_window_check" CHECK(kind = 'incident' OR (scheduled_for IS NOT NULL AND scheduled_until IS NOT NULL AND scheduled_until >= scheduled_for))
);
--> statement-breakpoint
CREATE INDEX `incidents_page_started_idx` ON `incidents` (`page_id`,`kind`,`started_at`);--> statement-breakpoint
CREATE INDEX `incidents_page_status_idx` ON `incidents` (`page_id`,`kind`,`status`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`host` text,
	`time_zone` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pages_host_unique` ON `pages` (`host`);--> statement-breakpoint
CREATE TABLE `update_components` (
	`update_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`component_id` text NOT NULL,
	`component_name` text NOT NULL,
	`old_status` text NOT NULL,
	`new_status` text NOT NULL,
	PRIMARY KEY(`update_id`, `component_id`),
	FOREIGN KEY (`update_id`) REFERENCES `incident_updates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `update_components_incident_idx` ON `update_components` (`incident_id`);