DROP INDEX `customer_identities_customer_idx`;--> statement-breakpoint
CREATE INDEX `customer_identities_customer_type_idx` ON `customer_identities` (`customer_id`,`workspace_id`,`type`);