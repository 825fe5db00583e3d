-- Saved SQL console queries: private to their owner or shared (read-only) with everyone who may see the connection.
CREATE TABLE sql_saved_query (
    id              UUID                     NOT NULL PRIMARY KEY,
    owner_id        UUID                     NOT NULL,
    owner_name      VARCHAR(255)             NOT NULL,
    name            VARCHAR(200)             NOT NULL,
    description     VARCHAR(2000),
    connection_id   UUID                     NOT NULL,
    database_name   VARCHAR(255),
    statement       VARCHAR(100000)          NOT NULL,
    visibility      VARCHAR(16)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sql_saved_query_owner_idx ON sql_saved_query (owner_id, name);
CREATE INDEX sql_saved_query_visibility_idx ON sql_saved_query (visibility, name);
