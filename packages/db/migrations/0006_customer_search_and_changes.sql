CREATE TABLE `customer_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`other_id` text,
	`kind` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_label` text NOT NULL,
	`at` integer NOT NULL,
	`details` text NOT NULL,
	`undone_at` integer
);
--> statement-breakpoint
CREATE INDEX `customer_changes_customer_idx` ON `customer_changes` (`workspace_id`,`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `customer_changes_other_idx` ON `customer_changes` (`workspace_id`,`other_id`);--> statement-breakpoint
CREATE INDEX `customer_identities_value_idx` ON `customer_identities` (`workspace_id`,`value`);--> statement-breakpoint
-- Name search without scanning profiles: a word index over each profile's name traits, kept by
-- triggers (rowid = customers.rowid). unicode61 with remove_diacritics folds "Toản" to "toan";
-- đ is a letter of its own in Unicode, so it is spelled d here and in the query.
CREATE VIRTUAL TABLE `customer_search` USING fts5(name, tokenize = 'unicode61 remove_diacritics 2');--> statement-breakpoint
INSERT INTO `customer_search` (rowid, name) SELECT rowid, replace(replace(trim(coalesce(json_extract(customers.traits, '$.name'), '') || ' ' || coalesce(json_extract(customers.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(customers.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(customers.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(customers.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D') FROM customers WHERE replace(replace(trim(coalesce(json_extract(customers.traits, '$.name'), '') || ' ' || coalesce(json_extract(customers.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(customers.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(customers.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(customers.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D') != '';--> statement-breakpoint
CREATE TRIGGER `customer_search_insert` AFTER INSERT ON `customers` WHEN replace(replace(trim(coalesce(json_extract(new.traits, '$.name'), '') || ' ' || coalesce(json_extract(new.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(new.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(new.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(new.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D') != '' BEGIN
  INSERT INTO `customer_search` (rowid, name) VALUES (new.rowid, replace(replace(trim(coalesce(json_extract(new.traits, '$.name'), '') || ' ' || coalesce(json_extract(new.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(new.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(new.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(new.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D'));
END;--> statement-breakpoint
CREATE TRIGGER `customer_search_update` AFTER UPDATE OF traits ON `customers` WHEN replace(replace(trim(coalesce(json_extract(old.traits, '$.name'), '') || ' ' || coalesce(json_extract(old.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(old.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(old.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(old.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D') IS NOT replace(replace(trim(coalesce(json_extract(new.traits, '$.name'), '') || ' ' || coalesce(json_extract(new.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(new.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(new.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(new.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D') BEGIN
  DELETE FROM `customer_search` WHERE rowid = old.rowid;
  INSERT INTO `customer_search` (rowid, name) SELECT new.rowid, replace(replace(trim(coalesce(json_extract(new.traits, '$.name'), '') || ' ' || coalesce(json_extract(new.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(new.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(new.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(new.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D') WHERE replace(replace(trim(coalesce(json_extract(new.traits, '$.name'), '') || ' ' || coalesce(json_extract(new.traits, '$.firstName'), '') || ' ' || coalesce(json_extract(new.traits, '$.lastName'), '') || ' ' || coalesce(json_extract(new.traits, '$.first_name'), '') || ' ' || coalesce(json_extract(new.traits, '$.last_name'), '')), 'đ', 'd'), 'Đ', 'D') != '';
END;--> statement-breakpoint
CREATE TRIGGER `customer_search_delete` AFTER DELETE ON `customers` BEGIN
  DELETE FROM `customer_search` WHERE rowid = old.rowid;
END;
