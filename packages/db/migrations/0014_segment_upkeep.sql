CREATE TABLE `segment_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`segment_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`change` text NOT NULL,
	`at` integer NOT NULL,
	`routed_at` integer,
	`lease_until` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `segment_changes_segment_idx` ON `segment_changes` (`segment_id`,`at`);--> statement-breakpoint
CREATE INDEX `segment_changes_customer_idx` ON `segment_changes` (`customer_id`,`at`);--> statement-breakpoint
CREATE INDEX `segment_changes_unrouted_idx` ON `segment_changes` (`routed_at`,`lease_until`);--> statement-breakpoint
CREATE TABLE `segment_touches` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`touched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `segment_touches_touched_idx` ON `segment_touches` (`touched_at`);--> statement-breakpoint
CREATE TABLE `segment_upkeep` (
	`segment_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`cursor` text,
	`lease_holder` text,
	`lease_until` integer DEFAULT 0 NOT NULL,
	`evaluated_at` integer
);
--> statement-breakpoint
CREATE INDEX `segment_upkeep_due_idx` ON `segment_upkeep` (`due_at`);--> statement-breakpoint
CREATE TRIGGER `segment_touch_on_profile_change` AFTER UPDATE OF `traits`, `merged_into` ON `customers`
WHEN OLD.traits IS NOT NEW.traits OR OLD.merged_into IS NOT NEW.merged_into
BEGIN
  INSERT OR REPLACE INTO `segment_touches` (`customer_id`, `workspace_id`, `touched_at`)
  VALUES (NEW.id, NEW.workspace_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `segment_touch_on_events_moved` AFTER UPDATE OF `customer_id` ON `events`
WHEN OLD.customer_id IS NOT NEW.customer_id
BEGIN
  INSERT OR REPLACE INTO `segment_touches` (`customer_id`, `workspace_id`, `touched_at`)
  VALUES (NEW.customer_id, NEW.workspace_id, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
