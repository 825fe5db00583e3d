-- Point-in-time recovery (module recovery): one WAL archive per protected connection, its archived WAL files, its
-- base backups, the restore points Steward set, and the restored instances it started. No foreign key to
-- connections: a deleted connection's archive stays until removed, like its backups.
CREATE TABLE recovery_archives (
    connection_id  UUID                     NOT NULL PRIMARY KEY,
    slot_name      VARCHAR(63)              NOT NULL,
    storage_target VARCHAR(64)              NOT NULL,
    server_major   INT                      NOT NULL,
    segment_size   BIGINT                   NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    reason         VARCHAR(2000),
    enabled_by     VARCHAR(100)             NOT NULL,
    enabled_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- seq_no: the segment's place in the WAL sequence; -1 for timeline history files
CREATE TABLE recovery_wal_files (
    connection_id UUID                     NOT NULL REFERENCES recovery_archives (connection_id) ON DELETE CASCADE,
    file_name     VARCHAR(40)              NOT NULL,
    seq_no        BIGINT                   NOT NULL,
    object_name   VARCHAR(300)             NOT NULL,
    checksum      VARCHAR(64)              NOT NULL,
    raw_size      BIGINT                   NOT NULL,
    stored_size   BIGINT                   NOT NULL,
    completed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connection_id, file_name)
);
CREATE INDEX recovery_wal_files_seq_idx ON recovery_wal_files (connection_id, seq_no);

CREATE TABLE recovery_base_backups (
    id             UUID                     NOT NULL PRIMARY KEY,
    connection_id  UUID                     NOT NULL REFERENCES recovery_archives (connection_id) ON DELETE CASCADE,
    job_id         UUID,
    status         VARCHAR(16)              NOT NULL,
    object_name    VARCHAR(300)             NOT NULL,
    checksum       VARCHAR(64),
    raw_size       BIGINT,
    stored_size    BIGINT,
    start_lsn      VARCHAR(20),
    end_lsn        VARCHAR(20),
    start_seq      BIGINT,
    end_seq        BIGINT,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    error          VARCHAR(2000)
);
CREATE INDEX recovery_base_backups_conn_idx ON recovery_base_backups (connection_id, started_at);

CREATE TABLE recovery_restore_points (
    connection_id UUID                     NOT NULL REFERENCES recovery_archives (connection_id) ON DELETE CASCADE,
    point_name    VARCHAR(63)              NOT NULL,
    lsn           VARCHAR(20)              NOT NULL,
    created_by    VARCHAR(100)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connection_id, point_name)
);

-- id: the connection Steward registered for the instance; instance_id: the Steward instance whose child it is
CREATE TABLE restored_instances (
    id                   UUID                     NOT NULL PRIMARY KEY,
    source_connection_id UUID                     NOT NULL,
    port                 INT                      NOT NULL,
    directory            VARCHAR(1000)            NOT NULL,
    target               VARCHAR(200)             NOT NULL,
    reached_lsn          VARCHAR(20),
    instance_id          VARCHAR(200)             NOT NULL,
    created_by           VARCHAR(100)             NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
