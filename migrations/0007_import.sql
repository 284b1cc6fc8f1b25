CREATE TABLE `import_sources` (
	`page_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`local_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`local_version` integer,
	`imported_at` integer NOT NULL,
	PRIMARY KEY(`page_id`, `kind`, `source_id`),
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "import_sources_kind_check" CHECK(kind IN ('page', 'component', 'incident', 'maintenance'))
);
--> statement-breakpoint
CREATE INDEX `import_sources_source_idx` ON `import_sources` (`kind`,`source_id`);