CREATE TABLE `push_subscriptions` (
	`endpoint` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`user_agent` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `push_subscriptions_customer_idx` ON `push_subscriptions` (`workspace_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `website_settings` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`vapid_public_key` text,
	`vapid_private_key` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
