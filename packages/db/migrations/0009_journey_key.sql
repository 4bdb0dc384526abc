ALTER TABLE `journeys` ADD `key` text;--> statement-breakpoint
-- Journeys made before keys get one from their id, so every journey can be exported and pushed back.
UPDATE `journeys` SET `key` = 'journey-' || lower(`id`) WHERE `key` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `journeys_key_uq` ON `journeys` (`workspace_id`,`key`);
