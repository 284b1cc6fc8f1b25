CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`change` text NOT NULL,
	`actor` text NOT NULL,
	`event_ids` text NOT NULL,
	`deleted_event_ids` text NOT NULL,
	`component_ids` text NOT NULL,
	`event_times` text NOT NULL,
	`update_id` text,
	`notify` integer DEFAULT false NOT NULL,
	`generation` integer NOT NULL,
	`created_at` integer NOT NULL,
	`available_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`published_at` integer,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`published_at`,`available_at`);--> statement-breakpoint
CREATE INDEX `outbox_page_created_idx` ON `outbox` (`page_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `resource` text;--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `resource_status` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `servable_from` integer DEFAULT 0 NOT NULL;