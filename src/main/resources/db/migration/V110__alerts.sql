-- Alerts: rules (a metric or an event, a comparison held for a duration, a level, a scope, channels) and the
-- alerts they raise. open_key is set while an alert is PENDING or FIRING (rule:connection) and NULL once it is
-- resolved: the unique index lets only one open alert per rule and connection exist, whichever instance evaluates.
CREATE TABLE alert_rules (
    id                UUID                     NOT NULL PRIMARY KEY,
    name              VARCHAR(100)             NOT NULL,
    metric            VARCHAR(48)              NOT NULL,
    comparison        VARCHAR(8)               NOT NULL,
    threshold         DOUBLE PRECISION         NOT NULL,
    hysteresis        DOUBLE PRECISION         NOT NULL,
    for_seconds       INTEGER                  NOT NULL,
    level             VARCHAR(16)              NOT NULL,
    scope             VARCHAR(16)              NOT NULL,
    scope_value       VARCHAR(100),
    renotify_minutes  INTEGER                  NOT NULL,
    enabled           BOOLEAN                  NOT NULL,
    built_in          BOOLEAN                  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX alert_rules_name_idx ON alert_rules (name);

-- no foreign key to the channels: a deleted channel is simply no longer delivered to
CREATE TABLE alert_rule_channels (
    rule_id    UUID NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    channel_id UUID NOT NULL,
    PRIMARY KEY (rule_id, channel_id)
);

CREATE TABLE alerts (
    id               UUID                     NOT NULL PRIMARY KEY,
    rule_id          UUID                     NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    connection_id    UUID                     NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    connection_name  VARCHAR(200)             NOT NULL,
    open_key         VARCHAR(80),
    state            VARCHAR(16)              NOT NULL,
    level            VARCHAR(16)              NOT NULL,
    metric           VARCHAR(48)              NOT NULL,
    threshold        DOUBLE PRECISION         NOT NULL,
    last_value       DOUBLE PRECISION,
    message          VARCHAR(1000)            NOT NULL,
    pending_since    TIMESTAMP WITH TIME ZONE NOT NULL,
    fired_at         TIMESTAMP WITH TIME ZONE,
    resolved_at      TIMESTAMP WITH TIME ZONE,
    last_notified_at TIMESTAMP WITH TIME ZONE,
    notify_count     INTEGER                  NOT NULL,
    acknowledged_at  TIMESTAMP WITH TIME ZONE,
    acknowledged_by  VARCHAR(100),
    ack_comment      VARCHAR(1000),
    silenced_until   TIMESTAMP WITH TIME ZONE,
    silenced_by      VARCHAR(100),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX alerts_open_key_idx ON alerts (open_key);
CREATE INDEX alerts_state_idx ON alerts (state, updated_at);
CREATE INDEX alerts_connection_idx ON alerts (connection_id, state);

-- Built-in rules matching the seeds' thresholds; editable and switchable like any other.
INSERT INTO alert_rules (id, name, metric, comparison, threshold, hysteresis, for_seconds, level, scope, scope_value,
                         renotify_minutes, enabled, built_in, created_at, updated_at) VALUES
 ('a1e00000-0000-4000-8000-000000000001', 'Connection usage above 80 %', 'connection_usage', 'ABOVE', 80, 5, 120, 'WARNING', 'ALL', NULL, 60, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-000000000002', 'Response time above 2,000 ms', 'latency', 'ABOVE', 2000, 200, 120, 'WARNING', 'ALL', NULL, 60, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-000000000003', 'Rollback rate above 5 per second', 'rollbacks', 'ABOVE', 5, 1, 120, 'WARNING', 'ALL', NULL, 60, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-000000000004', 'Target down', 'up', 'BELOW', 1, 0, 0, 'CRITICAL', 'ALL', NULL, 30, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-000000000005', 'Backup failed', 'backup_failed', 'ABOVE', 0, 0, 0, 'ERROR', 'ALL', NULL, 0, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-000000000006', 'Test restore failed', 'test_restore_failed', 'ABOVE', 0, 0, 0, 'ERROR', 'ALL', NULL, 0, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-000000000007', 'Blocked sessions', 'blocked_sessions', 'ABOVE', 0, 0, 300, 'INFO', 'ALL', NULL, 0, TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
