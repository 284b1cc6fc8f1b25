CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`notification_id` text,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`enqueued_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`leased_until` integer,
	`lease_token` text,
	`last_attempt_at` integer,
	`last_error` text,
	`sent_at` integer,
	`dead_at` integer,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "deliveries_kind_check" CHECK(kind IN ('notification', 'confirmation'))
);
--> statement-breakpoint
CREATE INDEX `deliveries_subscriber_idx` ON `deliveries` (`subscriber_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_page_subscriber_idx` ON `deliveries` (`page_id`,`subscriber_id`);--> statement-breakpoint
CREATE INDEX `deliveries_pending_idx` ON `deliveries` (`enqueued_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `deliveries_notification_idx` ON `deliveries` (`notification_id`);--> statement-breakpoint
CREATE TABLE `mail_log` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`headers` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mail_log_created_idx` ON `mail_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`outbox_id` text NOT NULL,
	`kind` text NOT NULL,
	`component_ids` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_page_created_idx` ON `notifications` (`page_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_outbox_idx` ON `notifications` (`outbox_id`);--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text NOT NULL,
	`type` text NOT NULL,
	`format` text NOT NULL,
	`target` text NOT NULL,
	`components` text,
	`state` text NOT NULL,
	`secret` text,
	`previous_secret` text,
	`previous_secret_until` integer,
	`token` text NOT NULL,
	`confirmed_at` integer,
	`confirmation_sent_at` integer,
	`failing_since` integer,
	`last_error` text,
	`last_success_at` integer,
	`paused_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "subscribers_type_check" CHECK(type IN ('webhook', 'email')),
	CONSTRAINT "subscribers_format_check" CHECK(format IN ('statuspage', 'slack', 'discord', 'teams', 'email')),
	CONSTRAINT "subscribers_state_check" CHECK(state IN ('pending', 'active', 'paused')),
	CONSTRAINT "subscribers_email_format_check" CHECK((type = 'email') = (format = 'email'))
);
--> statement-breakpoint
CREATE INDEX `subscribers_page_idx` ON `subscribers` (`page_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_token_unique` ON `subscribers` (`token`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_unique` ON `subscribers` (`page_id`,`target`) WHERE type = 'email';--> statement-breakpoint
ALTER TABLE `outbox` ADD `status_changes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `fanned_out_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_fan_out_idx` ON `outbox` (`fanned_out_at`,`available_at`);--> statement-breakpoint
-- Changes committed before subscribers existed have nobody to tell.
UPDATE `outbox` SET `fanned_out_at` = `created_at`;
