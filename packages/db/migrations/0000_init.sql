CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_workspace_idx` ON `api_keys` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`password_hash` text NOT NULL,
	`role` text DEFAULT 'marketer' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_workspace_idx` ON `users` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text DEFAULT 'Asia/Ho_Chi_Minh' NOT NULL,
	`currency` text DEFAULT 'VND' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_identities` (
	`workspace_id` text NOT NULL,
	`type` text NOT NULL,
	`value` text NOT NULL,
	`customer_id` text NOT NULL,
	PRIMARY KEY(`workspace_id`, `type`, `value`)
);
--> statement-breakpoint
CREATE INDEX `customer_identities_customer_idx` ON `customer_identities` (`customer_id`);--> statement-breakpoint
CREATE TABLE `customer_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`from_id` text NOT NULL,
	`into_id` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `customer_merges_workspace_idx` ON `customer_merges` (`workspace_id`,`at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`traits` text DEFAULT '{}' NOT NULL,
	`merged_into` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_seen_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customers_workspace_idx` ON `customers` (`workspace_id`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`message_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`type` text NOT NULL,
	`user_id` text,
	`anonymous_id` text,
	`name` text,
	`properties` text DEFAULT '{}' NOT NULL,
	`traits` text,
	`group_id` text,
	`previous_id` text,
	`context` text DEFAULT '{}' NOT NULL,
	`timestamp` integer NOT NULL,
	`sent_at` integer,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_message_uq` ON `events` (`workspace_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `events_customer_idx` ON `events` (`workspace_id`,`customer_id`,`timestamp`);--> statement-breakpoint
CREATE INDEX `events_name_idx` ON `events` (`workspace_id`,`name`,`timestamp`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`version` integer NOT NULL,
	`customer_id` text NOT NULL,
	`workflow_id` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`current_node` text,
	`entered_at` integer NOT NULL,
	`finished_at` integer,
	`entry_event_id` text
);
--> statement-breakpoint
CREATE INDEX `enrollments_customer_idx` ON `enrollments` (`workspace_id`,`customer_id`,`status`);--> statement-breakpoint
CREATE INDEX `enrollments_journey_idx` ON `enrollments` (`journey_id`,`status`);--> statement-breakpoint
CREATE INDEX `enrollments_workflow_idx` ON `enrollments` (`workflow_id`);--> statement-breakpoint
CREATE TABLE `journey_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`version` integer NOT NULL,
	`ir` text NOT NULL,
	`graph` text NOT NULL,
	`author` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journey_versions_uq` ON `journey_versions` (`journey_id`,`version`);--> statement-breakpoint
CREATE TABLE `journeys` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`draft_graph` text NOT NULL,
	`draft_revision` integer DEFAULT 0 NOT NULL,
	`active_version` integer,
	`trigger_event` text,
	`created_by` text,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `journeys_workspace_idx` ON `journeys` (`workspace_id`,`status`);--> statement-breakpoint
CREATE INDEX `journeys_trigger_idx` ON `journeys` (`workspace_id`,`trigger_event`,`status`);--> statement-breakpoint
CREATE TABLE `step_log` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`enrollment_id` text NOT NULL,
	`journey_id` text NOT NULL,
	`version` integer NOT NULL,
	`customer_id` text NOT NULL,
	`node_id` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `step_log_node_idx` ON `step_log` (`journey_id`,`version`,`node_id`);--> statement-breakpoint
CREATE INDEX `step_log_enrollment_idx` ON `step_log` (`enrollment_id`,`at`);--> statement-breakpoint
CREATE TABLE `channel_settings` (
	`workspace_id` text NOT NULL,
	`channel` text NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`frequency_cap` text,
	`quiet_hours` text,
	PRIMARY KEY(`workspace_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`journey_id` text,
	`version` integer,
	`enrollment_id` text,
	`node_id` text,
	`channel` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`recipient` text,
	`subject` text,
	`body` text,
	`payload` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`error` text,
	`provider_message_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_idempotency_uq` ON `messages` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `messages_customer_idx` ON `messages` (`workspace_id`,`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_channel_idx` ON `messages` (`workspace_id`,`channel`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_journey_idx` ON `messages` (`journey_id`,`version`,`node_id`);--> statement-breakpoint
CREATE TABLE `subscription_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`mode` text DEFAULT 'opt_out' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subscription_groups_workspace_idx` ON `subscription_groups` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`customer_id` text NOT NULL,
	`group_id` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `group_id`)
);
--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`subject` text,
	`body` text DEFAULT '' NOT NULL,
	`format` text DEFAULT 'liquid' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `templates_workspace_idx` ON `templates` (`workspace_id`,`channel`);--> statement-breakpoint
CREATE TABLE `audience_members` (
	`workspace_id` text NOT NULL,
	`audience` text NOT NULL,
	`platform` text NOT NULL,
	`customer_id` text NOT NULL,
	`added_at` integer NOT NULL,
	`removed_at` integer,
	PRIMARY KEY(`workspace_id`, `audience`, `platform`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX `audience_members_customer_idx` ON `audience_members` (`customer_id`);--> statement-breakpoint
CREATE TABLE `segment_members` (
	`segment_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`entered_at` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX `segment_members_customer_idx` ON `segment_members` (`customer_id`);--> statement-breakpoint
CREATE TABLE `segments` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`name` text NOT NULL,
	`rule` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `segments_workspace_idx` ON `segments` (`workspace_id`);--> statement-breakpoint
CREATE TABLE `staff_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`due_at` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_tasks_idempotency_uq` ON `staff_tasks` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `staff_tasks_workspace_idx` ON `staff_tasks` (`workspace_id`,`status`);--> statement-breakpoint
CREATE TABLE `vouchers` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`code` text NOT NULL,
	`customer_id` text NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer,
	`journey_id` text,
	`node_id` text,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_code_uq` ON `vouchers` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_idempotency_uq` ON `vouchers` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `vouchers_customer_idx` ON `vouchers` (`workspace_id`,`customer_id`);