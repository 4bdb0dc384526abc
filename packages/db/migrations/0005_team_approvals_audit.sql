CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`journey_id` text,
	`target_id` text,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_workspace_idx` ON `audit_log` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_journey_idx` ON `audit_log` (`journey_id`,`id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`invited_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_workspace_idx` ON `invitations` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `publish_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`revision` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`comment` text DEFAULT '' NOT NULL,
	`version` integer
);
--> statement-breakpoint
CREATE INDEX `publish_requests_workspace_idx` ON `publish_requests` (`workspace_id`,`status`);--> statement-breakpoint
CREATE INDEX `publish_requests_journey_idx` ON `publish_requests` (`journey_id`,`status`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `publish_needs_approval` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `journeys` ADD `starts_at` integer;--> statement-breakpoint
ALTER TABLE `journeys` ADD `ends_at` integer;