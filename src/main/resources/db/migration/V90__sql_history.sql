-- The SQL console's history: one row per execution (statement or script), visible to its user only.
CREATE TABLE sql_history (
    id              UUID                     NOT NULL PRIMARY KEY,
    user_id         UUID                     NOT NULL,
    connection_id   UUID                     NOT NULL,
    connection_name VARCHAR(255)             NOT NULL,
    database_name   VARCHAR(255),
    statement       VARCHAR(20000)           NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    statements      INTEGER                  NOT NULL,
    rows_affected   BIGINT                   NOT NULL,
    rows_returned   BIGINT                   NOT NULL,
    error           VARCHAR(2000),
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms     BIGINT                   NOT NULL
);
CREATE INDEX sql_history_user_idx ON sql_history (user_id, started_at);
