-- Compliance reports (issue 13): each run of the checks, dated, with the SHA-256 of its content (also recorded in
-- the audit trail, so a report edited in the store no longer matches its audit record).
CREATE TABLE compliance_reports (
    id           UUID                     NOT NULL PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(64)              NOT NULL,
    passed       INT                      NOT NULL,
    warned       INT                      NOT NULL,
    failed       INT                      NOT NULL,
    unavailable  INT                      NOT NULL,
    content      VARCHAR(1000000)         NOT NULL,
    content_sha256 VARCHAR(64)            NOT NULL
);
CREATE INDEX compliance_reports_created_idx ON compliance_reports (created_at);
