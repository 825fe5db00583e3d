-- Check rules (issue 12): the job-failures window, and alerts whose subject is a storage target rather than a
-- connection (no connection id; the open key names the target, whose keys can be longer than a uuid).
ALTER TABLE alert_rules ADD COLUMN window_minutes INTEGER DEFAULT 60 NOT NULL;
ALTER TABLE alerts ALTER COLUMN connection_id DROP NOT NULL;
ALTER TABLE alerts ALTER COLUMN open_key SET DATA TYPE VARCHAR(300);

-- Built-in check rules, switched off until someone decides they apply (not every connection is meant to be backed
-- up, and a rule over all of them would otherwise fire for each one that is not).
INSERT INTO alert_rules (id, name, metric, comparison, threshold, hysteresis, for_seconds, level, scope, scope_value,
                         renotify_minutes, window_minutes, enabled, built_in, created_at, updated_at) VALUES
 ('a1e00000-0000-4000-8000-000000000008', 'No successful backup for 26 h', 'hours_since_backup', 'ABOVE', 26, 0, 0, 'ERROR', 'ALL', NULL, 360, 60, FALSE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-000000000009', 'Server certificate expires within 14 days', 'cert_days_left', 'BELOW', 14, 0, 0, 'WARNING', 'ALL', NULL, 1440, 60, FALSE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
 ('a1e00000-0000-4000-8000-00000000000a', 'Storage target below 10 % free', 'target_free_percent', 'BELOW', 10, 1, 0, 'WARNING', 'ALL', NULL, 360, 60, FALSE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
