-- One row: which instance runs the check rules of the current interval. An instance runs them only when its
-- conditional UPDATE moves next_due forward, so N instances do one round of TLS handshakes and backup lookups
-- per interval instead of N.
CREATE TABLE alert_check_runs (
    id        INTEGER                  NOT NULL PRIMARY KEY,
    next_due  TIMESTAMP WITH TIME ZONE NOT NULL,
    owner     VARCHAR(100)
);
INSERT INTO alert_check_runs (id, next_due) VALUES (1, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');
