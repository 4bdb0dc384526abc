DROP INDEX `customers_workspace_idx`;--> statement-breakpoint
CREATE INDEX `customers_workspace_id_idx` ON `customers` (`workspace_id`,`id`);