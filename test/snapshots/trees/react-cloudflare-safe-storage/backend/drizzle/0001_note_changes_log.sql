-- Custom migration (drizzle-kit generate --custom): triggers that write `note_changes`, the log
-- behind `notes.changes`, in the same statement as the change itself. A change is logged if and
-- only if it is committed. Log rows older than 7 days are pruned when the user adds a note.
CREATE TRIGGER `notes_log_insert` AFTER INSERT ON `notes` BEGIN
  INSERT INTO `note_changes` (`user_id`, `kind`, `note_id`, `text`, `note_created_at`, `created_at`)
  VALUES (NEW.`user_id`, 'added', NEW.`id`, NEW.`text`, NEW.`created_at`, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
  DELETE FROM `note_changes`
  WHERE `user_id` = NEW.`user_id` AND `created_at` < CAST((julianday('now') - 2440587.5 - 7) * 86400000 AS INTEGER);
END;
--> statement-breakpoint
CREATE TRIGGER `notes_log_delete` AFTER DELETE ON `notes` BEGIN
  INSERT INTO `note_changes` (`user_id`, `kind`, `note_id`, `text`, `note_created_at`, `created_at`)
  VALUES (OLD.`user_id`, 'removed', OLD.`id`, NULL, NULL, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
