-- Long-running operations of every module (backups, restores, verifications …) with a lease per instance.
CREATE TABLE jobs (
    id               UUID                     NOT NULL PRIMARY KEY,
    kind             VARCHAR(32)              NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    phase            VARCHAR(32)              NOT NULL,
    connection_id    UUID,
    subject_id       UUID,
    started_by       UUID,
    started_by_name  VARCHAR(64)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    instance_id      VARCHAR(64)              NOT NULL,
    heartbeat_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    progress_done    BIGINT                   NOT NULL,
    progress_total   BIGINT,
    progress_unit    VARCHAR(16),
    result_ref       VARCHAR(400),
    summary          VARCHAR(2000),
    result_json      VARCHAR(1000000),
    reason           VARCHAR(32),
    message          VARCHAR(2000),
    cancel_requested VARCHAR(64),
    remembered       VARCHAR(4000)
);
CREATE INDEX jobs_status_idx ON jobs (status, heartbeat_at);
CREATE INDEX jobs_created_idx ON jobs (created_at);
CREATE INDEX jobs_connection_idx ON jobs (connection_id, created_at);
CREATE INDEX jobs_subject_idx ON jobs (subject_id);
