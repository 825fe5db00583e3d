-- Audit retention (issue 13): records past the retention are moved into sealed archive segment files and deleted
-- from audit_log. Each segment is recorded here, sealed with the audit key (seal covers the range, the hash of its
-- last record and the SHA-256 of the file), so the store cannot invent or move a segment; the live chain's first
-- record links to the newest segment's last_hash.
CREATE TABLE audit_archive_segment (
    first_seq      BIGINT                   NOT NULL PRIMARY KEY,
    last_seq       BIGINT                   NOT NULL,
    last_hash      VARCHAR(64)              NOT NULL,
    row_count      BIGINT                   NOT NULL,
    file_name      VARCHAR(100)             NOT NULL,
    content_sha256 VARCHAR(64)              NOT NULL,
    sealed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    seal           VARCHAR(64)              NOT NULL
);
CREATE UNIQUE INDEX audit_archive_segment_last_uq ON audit_archive_segment (last_seq);

-- One row: the retention setting shared by every instance (NULL = the steward.audit.retention-days property,
-- 0 = off) and the lock sealers take (SELECT ... FOR UPDATE) so only one instance seals at a time, without
-- holding up appends, which lock audit_chain_head.
CREATE TABLE audit_retention (
    id             INT NOT NULL PRIMARY KEY,
    retention_days INT
);
INSERT INTO audit_retention (id, retention_days) VALUES (1, NULL);
