ALTER TABLE `website_settings` ADD `identity_secret` text;--> statement-breakpoint
ALTER TABLE `website_settings` ADD `identity_verification` integer DEFAULT false NOT NULL;