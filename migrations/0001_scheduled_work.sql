CREATE TABLE `job_runs` (
	`job` text PRIMARY KEY NOT NULL,
	`last_scheduled_at` integer NOT NULL,
	`last_ran_at` integer NOT NULL,
	`last_result` text NOT NULL,
	`last_error` text,
	`last_error_at` integer
);
--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`page_id` text PRIMARY KEY NOT NULL,
	`generation` integer DEFAULT 0 NOT NULL,
	`clean_generation` integer DEFAULT -1 NOT NULL,
	`complete_through` text,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `uptime_days` (
	`page_id` text NOT NULL,
	`component_id` text NOT NULL,
	`day` text NOT NULL,
	`day_start` integer NOT NULL,
	`day_end` integer NOT NULL,
	`observed_ms` integer NOT NULL,
	`major_ms` integer NOT NULL,
	`partial_ms` integer NOT NULL,
	`degraded_ms` integer NOT NULL,
	`maintenance_ms` integer NOT NULL,
	`worst` text,
	PRIMARY KEY(`component_id`, `day`),
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`component_id`) REFERENCES `components`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `uptime_days_page_day_idx` ON `uptime_days` (`page_id`,`day`);--> statement-breakpoint
CREATE TABLE `write_guards` (
	`reason` text NOT NULL,
	CONSTRAINT "write_guards_stale_state" CHECK(0)
);
--> statement-breakpoint
ALTER TABLE `incidents` ADD `duration_ms` integer GENERATED ALWAYS AS (CASE WHEN resolved_at IS NULL THEN NULL ELSE max(0, resolved_at - started_at) END) VIRTUAL;