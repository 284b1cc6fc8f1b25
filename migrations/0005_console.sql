CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`event_id` text,
	`before` text,
	`after` text,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_log_page_at_idx` ON `audit_log` (`page_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_event_idx` ON `audit_log` (`page_id`,`event_id`,`at`);--> statement-breakpoint
CREATE TABLE `console_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`actor` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `console_sessions_expires_idx` ON `console_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`kind` text DEFAULT 'incident' NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "templates_kind_check" CHECK(kind IN ('incident', 'maintenance')),
	CONSTRAINT "templates_status_check" CHECK(status IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem', 'scheduled', 'in_progress', 'verifying', 'completed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `templates_page_name_unique` ON `templates` (`page_id`,`kind`,`name`);