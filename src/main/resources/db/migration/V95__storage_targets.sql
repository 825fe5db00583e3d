-- Storage targets managed through the API (configured ones from properties are not stored), and the copies of
-- each backup: the pipeline runs once per backup and every chosen target gets a copy with its own record.
CREATE TABLE storage_targets (
    id             UUID                     NOT NULL PRIMARY KEY,
    name           VARCHAR(100)             NOT NULL,
    kind           VARCHAR(8)               NOT NULL,
    local_path     VARCHAR(1000),
    s3_endpoint    VARCHAR(500),
    s3_region      VARCHAR(64),
    s3_bucket      VARCHAR(63),
    s3_prefix      VARCHAR(200),
    s3_path_style  BOOLEAN                  NOT NULL,
    access_key_enc VARCHAR(1000),
    secret_key_enc VARCHAR(1000),
    last_test_ok   BOOLEAN,
    last_test_at   TIMESTAMP WITH TIME ZONE,
    last_test_json VARCHAR(4000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX storage_targets_name_idx ON storage_targets (name);

-- target_key: a configured target's name (local, s3) or a managed target's id
CREATE TABLE backup_copies (
    backup_id    UUID                     NOT NULL REFERENCES backups (id) ON DELETE CASCADE,
    target_key   VARCHAR(64)              NOT NULL,
    target_name  VARCHAR(100)             NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    location     VARCHAR(1500),
    checksum     VARCHAR(64),
    stored_size  BIGINT,
    error        VARCHAR(2000),
    finished_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (backup_id, target_key)
);
CREATE INDEX backup_copies_target_idx ON backup_copies (target_key, status);

-- every backup made before had exactly one copy, on its storage target
INSERT INTO backup_copies (backup_id, target_key, target_name, status, location, checksum, stored_size, error, finished_at)
SELECT id, storage_target, storage_target,
       CASE WHEN status = 'COMPLETED' THEN 'COMPLETED' WHEN status = 'IN_PROGRESS' THEN 'IN_PROGRESS' ELSE 'FAILED' END,
       object_name, checksum, stored_size, NULL, finished_at
  FROM backups;

ALTER TABLE backups ALTER COLUMN storage_target SET DATA TYPE VARCHAR(64);
ALTER TABLE schedule_run_backups ALTER COLUMN storage_target SET DATA TYPE VARCHAR(400);
