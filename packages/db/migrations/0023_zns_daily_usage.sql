CREATE TABLE `zns_daily_usage` (
	`workspace_id` text NOT NULL,
	`day_start` integer NOT NULL,
	`used` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_id`, `day_start`)
);
--> statement-breakpoint
-- A row holds a slot of the OA's daily quota while it is a ZNS (payload.policy.zns) in a slot status
-- (SLOT_STATUSES in the channels' send ledger: a failed send gives its slot back, a postponed one
-- holds none). The day is Vietnam's (UTC+07:00, no daylight saving): day_start is its midnight.
-- An update that keeps the row's slot on the same day (queued -> sent -> delivered) writes nothing.
CREATE TRIGGER `zns_usage_on_insert` AFTER INSERT ON `messages`
WHEN NEW.channel = 'zalo' AND NEW.status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied') AND json_extract(NEW.payload, '$.policy.zns') = 1
BEGIN
  INSERT INTO `zns_daily_usage` (`workspace_id`, `day_start`, `used`)
  VALUES (NEW.workspace_id, NEW.created_at - ((NEW.created_at + 25200000) % 86400000), 1)
  ON CONFLICT (`workspace_id`, `day_start`) DO UPDATE SET `used` = `used` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `zns_usage_on_update_release` AFTER UPDATE OF `status`, `payload`, `channel`, `created_at`, `workspace_id` ON `messages`
WHEN OLD.channel = 'zalo' AND OLD.status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied') AND json_extract(OLD.payload, '$.policy.zns') = 1 AND NOT (NEW.channel = 'zalo' AND NEW.status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied') AND json_extract(NEW.payload, '$.policy.zns') = 1 AND NEW.workspace_id = OLD.workspace_id AND NEW.created_at - ((NEW.created_at + 25200000) % 86400000) = OLD.created_at - ((OLD.created_at + 25200000) % 86400000))
BEGIN
  UPDATE `zns_daily_usage` SET `used` = `used` - 1
  WHERE `workspace_id` = OLD.workspace_id AND `day_start` = OLD.created_at - ((OLD.created_at + 25200000) % 86400000);
END;
--> statement-breakpoint
CREATE TRIGGER `zns_usage_on_update_take` AFTER UPDATE OF `status`, `payload`, `channel`, `created_at`, `workspace_id` ON `messages`
WHEN NEW.channel = 'zalo' AND NEW.status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied') AND json_extract(NEW.payload, '$.policy.zns') = 1 AND NOT (OLD.channel = 'zalo' AND OLD.status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied') AND json_extract(OLD.payload, '$.policy.zns') = 1 AND NEW.workspace_id = OLD.workspace_id AND NEW.created_at - ((NEW.created_at + 25200000) % 86400000) = OLD.created_at - ((OLD.created_at + 25200000) % 86400000))
BEGIN
  INSERT INTO `zns_daily_usage` (`workspace_id`, `day_start`, `used`)
  VALUES (NEW.workspace_id, NEW.created_at - ((NEW.created_at + 25200000) % 86400000), 1)
  ON CONFLICT (`workspace_id`, `day_start`) DO UPDATE SET `used` = `used` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `zns_usage_on_delete` AFTER DELETE ON `messages`
WHEN OLD.channel = 'zalo' AND OLD.status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied') AND json_extract(OLD.payload, '$.policy.zns') = 1
BEGIN
  UPDATE `zns_daily_usage` SET `used` = `used` - 1
  WHERE `workspace_id` = OLD.workspace_id AND `day_start` = OLD.created_at - ((OLD.created_at + 25200000) % 86400000);
END;
--> statement-breakpoint
-- The ZNS already sent, counted once.
INSERT INTO `zns_daily_usage` (`workspace_id`, `day_start`, `used`)
SELECT workspace_id, created_at - ((created_at + 25200000) % 86400000), count(*) FROM `messages`
WHERE channel = 'zalo' AND status IN ('queued', 'sent', 'delivered', 'opened', 'clicked', 'replied') AND json_extract(payload, '$.policy.zns') = 1
GROUP BY 1, 2;
