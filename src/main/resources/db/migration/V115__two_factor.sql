-- TOTP two-factor for local accounts (issue 13). The secret is sealed with the credential key (AES-GCM, the user id
-- as associated data); last_step is the newest time step accepted, so a code cannot be used twice.
CREATE TABLE user_two_factor (
  user_id      UUID         NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret       VARCHAR(200) NOT NULL,
  confirmed_at TIMESTAMP WITH TIME ZONE,
  last_step    BIGINT       DEFAULT 0 NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Recovery codes: shown once, stored as HMAC-SHA-256 under a per-user salt; each works once.
CREATE TABLE user_recovery_codes (
  id        UUID        NOT NULL PRIMARY KEY,
  user_id   UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  salt      VARCHAR(64) NOT NULL,
  code_hash VARCHAR(64) NOT NULL,
  used_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_recovery_codes_user_idx ON user_recovery_codes (user_id);
