CREATE TABLE `journey_migrations` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`to_version` integer NOT NULL,
	`plan` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`cursor` text DEFAULT '' NOT NULL,
	`signalled` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `journey_migrations_journey_idx` ON `journey_migrations` (`journey_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `publish_requests` ADD `migration_plan` text;