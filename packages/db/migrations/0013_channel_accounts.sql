CREATE TABLE `channel_accounts` (
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`secrets` text NOT NULL,
	`key_id` text NOT NULL,
	`checked_at` integer,
	`check_result` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `channel_accounts_key_idx` ON `channel_accounts` (`key_id`);--> statement-breakpoint
CREATE TABLE `channel_interactions` (
	`workspace_id` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`last_inbound_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `channel`, `address`)
);
--> statement-breakpoint
CREATE TABLE `zns_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`template_id` text NOT NULL,
	`name` text NOT NULL,
	`params` text NOT NULL,
	`purpose` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zns_templates_workspace_template_uq` ON `zns_templates` (`workspace_id`,`template_id`);