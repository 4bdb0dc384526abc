CREATE TABLE `event_routing` (
	`event_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`available_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_routing_available_idx` ON `event_routing` (`available_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `enrollments_entry_event_uq` ON `enrollments` (`journey_id`,`entry_event_id`);--> statement-breakpoint
CREATE INDEX `enrollments_unstarted_idx` ON `enrollments` (`entered_at`) WHERE "enrollments"."status" = 'active' AND "enrollments"."current_node" IS NULL;