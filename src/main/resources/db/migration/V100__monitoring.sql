-- Monitoring: per-connection settings with the sampling lease, raw samples and their rollups.
CREATE TABLE monitor_settings (
    connection_id    UUID                     NOT NULL PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    enabled          BOOLEAN                  NOT NULL,
    interval_seconds INTEGER                  NOT NULL,
    next_due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner      VARCHAR(100),
    lease_until      TIMESTAMP WITH TIME ZONE,
    last_sample_at   TIMESTAMP WITH TIME ZONE,
    last_status      VARCHAR(16),
    last_error       VARCHAR(1000),
    last_figures     VARCHAR(4000),
    last_counters    VARCHAR(4000),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX monitor_settings_due_idx ON monitor_settings (enabled, next_due_at);

-- no foreign key: samples are many and go with retention (and a deleted connection's are removed by the module)
CREATE TABLE monitor_samples (
    connection_id UUID                     NOT NULL,
    metric        VARCHAR(48)              NOT NULL,
    sampled_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    metric_value  DOUBLE PRECISION         NOT NULL
);
CREATE INDEX monitor_samples_series_idx ON monitor_samples (connection_id, metric, sampled_at);
CREATE INDEX monitor_samples_at_idx ON monitor_samples (sampled_at);

-- resolution: 'MINUTE' or 'HOUR'; bucket is the start of the minute or hour
CREATE TABLE monitor_rollups (
    resolution    VARCHAR(8)               NOT NULL,
    connection_id UUID                     NOT NULL,
    metric        VARCHAR(48)              NOT NULL,
    bucket        TIMESTAMP WITH TIME ZONE NOT NULL,
    avg_value     DOUBLE PRECISION         NOT NULL,
    min_value     DOUBLE PRECISION         NOT NULL,
    max_value     DOUBLE PRECISION         NOT NULL,
    sample_count  INTEGER                  NOT NULL,
    PRIMARY KEY (resolution, connection_id, metric, bucket)
);
CREATE INDEX monitor_rollups_bucket_idx ON monitor_rollups (resolution, bucket);

-- how far each resolution has been rolled up; advanced by compare-and-set so one instance does each stretch
CREATE TABLE monitor_rollup_state (
    resolution   VARCHAR(8)               NOT NULL PRIMARY KEY,
    rolled_until TIMESTAMP WITH TIME ZONE NOT NULL
);
