ALTER TABLE `subscription_groups` ADD `description` text;--> statement-breakpoint
CREATE UNIQUE INDEX `subscription_groups_name_uq` ON `subscription_groups` (`workspace_id`,`name`);--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `workspace_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `source` text DEFAULT 'admin' NOT NULL;--> statement-breakpoint
CREATE INDEX `subscriptions_workspace_customer_idx` ON `subscriptions` (`workspace_id`,`customer_id`);--> statement-breakpoint
UPDATE `subscriptions` SET `workspace_id` = coalesce((SELECT `workspace_id` FROM `customers` WHERE `customers`.`id` = `subscriptions`.`customer_id`), '') WHERE `workspace_id` = '';