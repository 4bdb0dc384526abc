CREATE TABLE `tracking_keys` (
	`workspace_id` text NOT NULL,
	`key_id` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	`expires_at` integer,
	PRIMARY KEY(`workspace_id`, `key_id`)
);
