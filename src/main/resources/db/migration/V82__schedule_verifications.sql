-- Verifications a schedule started: of each new backup after a run, and test restores on their own cron.
CREATE TABLE schedule_verifications (
    id          UUID                     NOT NULL PRIMARY KEY,
    schedule_id UUID                     NOT NULL,
    backup_id   UUID                     NOT NULL,
    job_id      UUID                     NOT NULL,
    kind        VARCHAR(16)              NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    status      VARCHAR(16)              NOT NULL,
    error       VARCHAR(2000),
    CONSTRAINT schedule_verifications_job_uk UNIQUE (job_id)
);
CREATE INDEX schedule_verifications_schedule_idx ON schedule_verifications (schedule_id, started_at);
ALTER TABLE schedules ADD COLUMN test_restore_cron VARCHAR(200);
ALTER TABLE schedules ADD COLUMN test_restore_quartz VARCHAR(200);
