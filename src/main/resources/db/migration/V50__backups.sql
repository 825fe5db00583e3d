-- Backup runs and their artefacts. The manifest (JSON) is also stored beside the artefact.
CREATE TABLE backups (
    id                UUID                     NOT NULL PRIMARY KEY,
    connection_id     UUID                     NOT NULL,
    connection_name   VARCHAR(100)             NOT NULL,
    engine            VARCHAR(16)              NOT NULL,
    file_name         VARCHAR(255)             NOT NULL,
    object_name       VARCHAR(400)             NOT NULL,
    storage_target    VARCHAR(32)              NOT NULL,
    trigger_type      VARCHAR(16)              NOT NULL,
    kind              VARCHAR(16)              NOT NULL,
    compression       VARCHAR(8)               NOT NULL,
    compression_level INT                      NOT NULL,
    encrypted         BOOLEAN                  NOT NULL,
    key_id            VARCHAR(64),
    status            VARCHAR(16)              NOT NULL,
    error             VARCHAR(2000),
    started_by        UUID,
    started_by_name   VARCHAR(64)              NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    raw_size          BIGINT,
    stored_size       BIGINT,
    checksum          VARCHAR(64),
    manifest          VARCHAR(1000000)
);
CREATE INDEX backups_connection_idx ON backups (connection_id, created_at);
CREATE INDEX backups_status_idx ON backups (status);
