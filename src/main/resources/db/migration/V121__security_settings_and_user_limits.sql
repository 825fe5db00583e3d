-- Security settings (issue 13): one row (id 1) holding the administrator's settings as a JSON document, so every
-- instance on the store reads the same; each instance caches it for a few seconds.
CREATE TABLE security_settings (
  id         INT            NOT NULL PRIMARY KEY,
  settings   VARCHAR(200000) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by VARCHAR(100)
);

-- Per-user overrides of the default limits of the security settings; NULL: the default applies.
CREATE TABLE user_limits (
  user_id                UUID NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  max_console_sessions   INT,
  max_running_statements INT
);
