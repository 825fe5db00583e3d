-- A backup run is a job: its id, and the typed reason a run failed or was cancelled.
ALTER TABLE backups ADD COLUMN job_id UUID;
ALTER TABLE backups ADD COLUMN reason VARCHAR(32);
