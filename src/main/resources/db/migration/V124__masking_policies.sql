-- Data masking policies: an explicit column (connection / database / schema / table / column) or a rule on column
-- names and types; each with its mask and, for hashes, a salt of its own.
CREATE TABLE masking_policies (
    id            UUID          NOT NULL PRIMARY KEY,
    name          VARCHAR(120)  NOT NULL,
    connection_id UUID,
    database_name VARCHAR(256),
    schema_name   VARCHAR(256),
    table_name    VARCHAR(256),
    column_name   VARCHAR(256),
    name_pattern  VARCHAR(200),
    type_pattern  VARCHAR(100),
    mask_kind     VARCHAR(20)   NOT NULL,
    keep_first    INTEGER       DEFAULT 0 NOT NULL,
    keep_last     INTEGER       DEFAULT 0 NOT NULL,
    salt          VARCHAR(64)   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(100)  NOT NULL
);
CREATE INDEX masking_policies_connection ON masking_policies (connection_id);
