-- Catalog snapshots: one header row per sync (kept as history), and the latest snapshot's content per
-- connection (objects, columns, keys), replaced by every sync. Search and diffs read the content tables.
CREATE TABLE catalog_snapshots (
    id              UUID PRIMARY KEY,
    connection_id   UUID NOT NULL,
    taken_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_millis BIGINT NOT NULL,
    taken_by        VARCHAR(64) NOT NULL,
    database_count  INTEGER NOT NULL,
    object_count    INTEGER NOT NULL,
    column_count    INTEGER NOT NULL,
    added_count     INTEGER NOT NULL,
    dropped_count   INTEGER NOT NULL,
    changed_count   INTEGER NOT NULL,
    diff_detail     VARCHAR(4000)
);
CREATE INDEX catalog_snapshots_by_connection ON catalog_snapshots (connection_id, taken_at);

CREATE TABLE catalog_objects (
    connection_id  UUID NOT NULL,
    object_id      INTEGER NOT NULL,
    database_name  VARCHAR(255) NOT NULL,
    schema_name    VARCHAR(255) NOT NULL,
    object_name    VARCHAR(255) NOT NULL,
    name_lower     VARCHAR(255) NOT NULL,
    object_kind    VARCHAR(32) NOT NULL,
    approx_rows    BIGINT,
    object_comment VARCHAR(1000),
    fingerprint    VARCHAR(64) NOT NULL,
    PRIMARY KEY (connection_id, object_id)
);
CREATE INDEX catalog_objects_by_name ON catalog_objects (name_lower);

CREATE TABLE catalog_columns (
    connection_id UUID NOT NULL,
    object_id     INTEGER NOT NULL,
    ordinal       INTEGER NOT NULL,
    column_name   VARCHAR(255) NOT NULL,
    name_lower    VARCHAR(255) NOT NULL,
    data_type     VARCHAR(255) NOT NULL,
    is_nullable   BOOLEAN NOT NULL,
    is_primary    BOOLEAN NOT NULL,
    PRIMARY KEY (connection_id, object_id, ordinal)
);
CREATE INDEX catalog_columns_by_name ON catalog_columns (name_lower);

CREATE TABLE catalog_keys (
    connection_id UUID NOT NULL,
    object_id     INTEGER NOT NULL,
    ordinal       INTEGER NOT NULL,
    key_name      VARCHAR(255) NOT NULL,
    key_type      VARCHAR(16) NOT NULL,
    key_columns   VARCHAR(2000) NOT NULL,
    ref_schema    VARCHAR(255),
    ref_table     VARCHAR(255),
    ref_columns   VARCHAR(2000),
    PRIMARY KEY (connection_id, object_id, ordinal)
);
