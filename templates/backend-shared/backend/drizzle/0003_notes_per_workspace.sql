-- Notes belong to a workspace: an organization (`org_id`), or their author's personal notes when
-- `org_id` is null, which is what every existing note becomes. Only additions, so a Worker still
-- running the previous version during a deploy keeps writing valid (personal) notes. The triggers
-- of 0001 are replaced: the log records the workspace, and prunes within it.
DROP INDEX `note_changes_user_id_id`;--> statement-breakpoint
ALTER TABLE `note_changes` ADD `org_id` text;--> statement-breakpoint
CREATE INDEX `note_changes_user_id_org_id_id` ON `note_changes` (`user_id`,`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `note_changes_org_id_id` ON `note_changes` (`org_id`,`id`);--> statement-breakpoint
DROP INDEX `notes_user_id_id`;--> statement-breakpoint
ALTER TABLE `notes` ADD `org_id` text;--> statement-breakpoint
CREATE INDEX `notes_user_id_org_id_id` ON `notes` (`user_id`,`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `notes_org_id_id` ON `notes` (`org_id`,`id`);--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD `org_id` text;--> statement-breakpoint
DROP TRIGGER `notes_log_insert`;--> statement-breakpoint
DROP TRIGGER `notes_log_delete`;--> statement-breakpoint
CREATE TRIGGER `notes_log_insert` AFTER INSERT ON `notes` BEGIN
  INSERT INTO `note_changes` (`user_id`, `org_id`, `kind`, `note_id`, `text`, `note_created_at`, `created_at`)
  VALUES (NEW.`user_id`, NEW.`org_id`, 'added', NEW.`id`, NEW.`text`, NEW.`created_at`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
  DELETE FROM `note_changes`
  WHERE `org_id` = NEW.`org_id` AND `created_at` < CAST((julianday('now') - 2440587.5 - 7) * 86400000 AS INTEGER);
  DELETE FROM `note_changes`
  WHERE NEW.`org_id` IS NULL AND `user_id` = NEW.`user_id` AND `org_id` IS NULL
    AND `created_at` < CAST((julianday('now') - 2440587.5 - 7) * 86400000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER `notes_log_delete` AFTER DELETE ON `notes` BEGIN
  INSERT INTO `note_changes` (`user_id`, `org_id`, `kind`, `note_id`, `text`, `note_created_at`, `created_at`)
  VALUES (OLD.`user_id`, OLD.`org_id`, 'removed', OLD.`id`, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
