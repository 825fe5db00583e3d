-- Maintenance on a schedule: an operation the connection's engine offers, on named tables (JSON, empty: every
-- table) at the times of a 5-field cron in a time zone. next_due is claimed with a conditional UPDATE, so several
-- instances on one store start each run once; the last run's outcome is kept on the row.
CREATE TABLE maintenance_schedules (
    id            UUID                     NOT NULL PRIMARY KEY,
    connection_id UUID                     NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    operation     VARCHAR(32)              NOT NULL,
    tables_json   VARCHAR(300000)          NOT NULL,
    cron          VARCHAR(200)             NOT NULL,
    time_zone     VARCHAR(64)              NOT NULL,
    enabled       BOOLEAN                  NOT NULL,
    owner_id      UUID                     NOT NULL,
    owner_name    VARCHAR(255)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    next_due      TIMESTAMP WITH TIME ZONE,
    last_run_at   TIMESTAMP WITH TIME ZONE,
    last_job_id   UUID,
    last_status   VARCHAR(16),
    last_reason   VARCHAR(2000)
);
CREATE INDEX maintenance_schedules_connection_idx ON maintenance_schedules (connection_id);
CREATE INDEX maintenance_schedules_due_idx ON maintenance_schedules (enabled, next_due);
