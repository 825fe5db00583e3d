-- One-off facts of the connection module, e.g. that the sample connection was offered once
-- (so deleting it does not bring it back on the next start).
CREATE TABLE connection_markers (
    marker     VARCHAR(64)              NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
