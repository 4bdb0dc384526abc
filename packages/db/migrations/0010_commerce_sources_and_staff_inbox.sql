CREATE TABLE `commerce_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`source_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`topic` text NOT NULL,
	`status` text NOT NULL,
	`order_id` text,
	`event_name` text,
	`customer_id` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commerce_deliveries_delivery_uq` ON `commerce_deliveries` (`source_id`,`delivery_id`);--> statement-breakpoint
CREATE INDEX `commerce_deliveries_source_idx` ON `commerce_deliveries` (`source_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `commerce_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`platform` text NOT NULL,
	`name` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commerce_sources_workspace_idx` ON `commerce_sources` (`workspace_id`);--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `title` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `assignee` text;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `journey_id` text;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `journey_version` integer;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `node_id` text;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `claimed_at` integer;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `outcome_note` text;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `completed_by` text;--> statement-breakpoint
ALTER TABLE `staff_tasks` ADD `completed_at` integer;