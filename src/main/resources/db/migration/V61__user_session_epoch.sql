-- A session remembers its user's epoch at login and is valid while that epoch is not older than the stored one:
-- a password change or "sign out everywhere else" raises it and so ends every other session at once, on every
-- instance that shares this store.
ALTER TABLE users ADD COLUMN session_epoch BIGINT DEFAULT 0 NOT NULL;
