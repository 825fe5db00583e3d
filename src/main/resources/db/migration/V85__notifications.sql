-- Notification channels, what each subscribes to, and the durable queue + log of their deliveries.
CREATE TABLE notification_channels (
    id             UUID                     NOT NULL PRIMARY KEY,
    name           VARCHAR(100)             NOT NULL,
    type           VARCHAR(16)              NOT NULL,
    enabled        BOOLEAN                  NOT NULL,
    failures_only  BOOLEAN                  NOT NULL,
    settings_json  VARCHAR(4000)            NOT NULL,
    secrets_enc    VARCHAR(8000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX notification_channels_name_idx ON notification_channels (name);

CREATE TABLE notification_subscriptions (
    channel_id UUID        NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    topic      VARCHAR(32) NOT NULL,
    PRIMARY KEY (channel_id, topic)
);

-- channel_id has no foreign key: the log outlives a deleted channel (its name and type are copied)
CREATE TABLE notification_deliveries (
    id              UUID                     NOT NULL PRIMARY KEY,
    channel_id      UUID                     NOT NULL,
    channel_name    VARCHAR(100)             NOT NULL,
    channel_type    VARCHAR(16)              NOT NULL,
    topic           VARCHAR(32)              NOT NULL,
    dedupe_key      VARCHAR(64)              NOT NULL,
    subject         VARCHAR(1000)            NOT NULL,
    summary         VARCHAR(2000)            NOT NULL,
    message_json    VARCHAR(20000)           NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until   TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(2000)
);
CREATE UNIQUE INDEX notification_deliveries_dedupe_idx ON notification_deliveries (channel_id, dedupe_key);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (status, next_attempt_at);
CREATE INDEX notification_deliveries_created_idx ON notification_deliveries (created_at);

CREATE TABLE notification_attempts (
    id           UUID                     NOT NULL PRIMARY KEY,
    delivery_id  UUID                     NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
    attempt      INTEGER                  NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ok           BOOLEAN                  NOT NULL,
    duration_ms  BIGINT                   NOT NULL,
    error        VARCHAR(2000)
);
CREATE INDEX notification_attempts_delivery_idx ON notification_attempts (delivery_id, attempt);
