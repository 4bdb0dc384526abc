CREATE TABLE `event_catalogue` (
	`workspace_id` text NOT NULL,
	`event` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	PRIMARY KEY(`workspace_id`, `event`)
);
--> statement-breakpoint
CREATE TABLE `event_catalogue_days` (
	`workspace_id` text NOT NULL,
	`event` text NOT NULL,
	`day` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `event`, `day`)
);
--> statement-breakpoint
CREATE TABLE `trait_catalogue` (
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`types` text DEFAULT '[]' NOT NULL,
	`examples` text DEFAULT '[]' NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `key`)
);
