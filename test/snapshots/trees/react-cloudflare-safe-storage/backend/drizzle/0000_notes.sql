CREATE TABLE `note_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`note_id` text NOT NULL,
	`text` text,
	`note_created_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `note_changes_user_id_id` ON `note_changes` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notes_user_id_id` ON `notes` (`user_id`,`id`);