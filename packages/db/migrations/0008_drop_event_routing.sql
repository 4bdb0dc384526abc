-- Intents still pending from before carry over, one per event, then the old table goes.
INSERT INTO `routing_intents` (`id`, `workspace_id`, `event_ids`, `available_at`, `attempts`, `last_error`, `created_at`) SELECT `event_id`, `workspace_id`, json_array(`event_id`), `available_at`, `attempts`, `last_error`, `created_at` FROM `event_routing`;--> statement-breakpoint
DROP TABLE `event_routing`;