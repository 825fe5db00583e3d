-- Backup schedules: what to back up, when (a preset or a cron expression), where, and what to keep.
CREATE TABLE schedules (
    id                UUID                     NOT NULL PRIMARY KEY,
    name              VARCHAR(100)             NOT NULL,
    connection_id     UUID                     NOT NULL,
    owner_id          UUID,
    owner_name        VARCHAR(64)              NOT NULL,
    kind              VARCHAR(16)              NOT NULL,
    compression       VARCHAR(8)               NOT NULL,
    compression_level INTEGER                  NOT NULL,
    encrypted         BOOLEAN                  NOT NULL,
    targets           VARCHAR(400)             NOT NULL,
    time_zone         VARCHAR(64)              NOT NULL,
    enabled           BOOLEAN                  NOT NULL,
    timing_type       VARCHAR(16)              NOT NULL,
    timing_minute     INTEGER,
    timing_hour       INTEGER,
    timing_day_of_week VARCHAR(3),
    timing_day_of_month INTEGER,
    cron              VARCHAR(200)             NOT NULL,
    quartz_cron       VARCHAR(200)             NOT NULL,
    keep_last         INTEGER,
    keep_days         INTEGER,
    gfs_days          INTEGER,
    gfs_weeks         INTEGER,
    gfs_months        INTEGER,
    gfs_years         INTEGER,
    keep_minimum      INTEGER,
    verify_after      BOOLEAN                  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    timing_since      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX schedules_connection_idx ON schedules (connection_id);

-- One row per fire; the unique key makes a double run of one fire impossible, even across instances.
CREATE TABLE schedule_runs (
    id             UUID                     NOT NULL PRIMARY KEY,
    schedule_id    UUID                     NOT NULL,
    scheduled_for  TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    status         VARCHAR(16)              NOT NULL,
    manual         BOOLEAN                  NOT NULL,
    late_millis    BIGINT                   NOT NULL,
    missed_fires   INTEGER                  NOT NULL,
    instance_id    VARCHAR(200)             NOT NULL,
    retention      VARCHAR(4000),
    error          VARCHAR(2000),
    CONSTRAINT schedule_runs_fire_uk UNIQUE (schedule_id, scheduled_for)
);
CREATE INDEX schedule_runs_schedule_idx ON schedule_runs (schedule_id, scheduled_for);

-- The backups a run made, one per storage target, and how each ended.
CREATE TABLE schedule_run_backups (
    run_id         UUID         NOT NULL,
    backup_id      UUID         NOT NULL PRIMARY KEY,
    schedule_id    UUID         NOT NULL,
    storage_target VARCHAR(32)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    error          VARCHAR(2000)
);
CREATE INDEX schedule_run_backups_run_idx ON schedule_run_backups (run_id);
CREATE INDEX schedule_run_backups_schedule_idx ON schedule_run_backups (schedule_id, storage_target);
