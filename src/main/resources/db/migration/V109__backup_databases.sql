-- Which database of a connection's server a backup holds (null: a backup from before the choice existed, of the
-- connection's own database), and which databases a schedule backs up: the connection's own (DEFAULT), a LIST,
-- or ALL of the server's user databases (resolved when the schedule fires).
ALTER TABLE backups ADD COLUMN database_name VARCHAR(128);
ALTER TABLE schedules ADD COLUMN database_mode VARCHAR(16) DEFAULT 'DEFAULT' NOT NULL;
ALTER TABLE schedules ADD COLUMN database_names VARCHAR(4000);
ALTER TABLE schedule_run_backups ADD COLUMN database_name VARCHAR(128);
-- A run still starting its backups (one per database) is not ended by the first of them finishing.
ALTER TABLE schedule_runs ADD COLUMN starting BOOLEAN DEFAULT FALSE NOT NULL;
