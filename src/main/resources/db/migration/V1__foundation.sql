-- Foundation schema. Portable SQL: the same file runs on H2 (default store) and PostgreSQL.
-- Module migrations follow in ranges: V10-19 security, V20-29 audit, V30-39 connection,
-- V40-49 catalog, V50-59 backup.

-- Spring Modulith's event publication registry (v2 layout): events survive a crash until handled.
CREATE TABLE event_publication (
    id                     UUID                     NOT NULL PRIMARY KEY,
    listener_id            VARCHAR(512)             NOT NULL,
    event_type             VARCHAR(512)             NOT NULL,
    serialized_event       VARCHAR(16000)           NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 VARCHAR(20),
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE
);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

CREATE TABLE users (
    id                  UUID                     NOT NULL PRIMARY KEY,
    username            VARCHAR(64)              NOT NULL,
    password_hash       VARCHAR(255)             NOT NULL,
    role                VARCHAR(16)              NOT NULL,
    enabled             BOOLEAN                  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX users_username_uq ON users (username);

-- Personal API tokens: only a SHA-256 of the token is kept; the prefix lets a user recognise it.
CREATE TABLE api_tokens (
    id           UUID                     NOT NULL PRIMARY KEY,
    user_id      UUID                     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         VARCHAR(100)             NOT NULL,
    token_hash   VARCHAR(64)              NOT NULL,
    token_prefix VARCHAR(16)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    expires_at   TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_tokens_hash_uq ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Append-only, hash-chained audit trail. Each row's hash covers its fields and the previous row's hash.
CREATE TABLE audit_log (
    seq         BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(64)              NOT NULL,
    source_ip   VARCHAR(64),
    action      VARCHAR(64)              NOT NULL,
    target_type VARCHAR(32)              NOT NULL,
    target_id   VARCHAR(64),
    outcome     VARCHAR(16)              NOT NULL,
    detail      VARCHAR(500),
    prev_hash   VARCHAR(64)              NOT NULL,
    hash        VARCHAR(64)              NOT NULL
);
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor);
CREATE INDEX audit_log_action_idx ON audit_log (action);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);

-- The chain's head, locked (SELECT ... FOR UPDATE) by every append so concurrent writers serialise.
CREATE TABLE audit_chain_head (
    id        INT         NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Registered target databases. Secrets are AES-256-GCM ciphertext (see CredentialCipher), never clear text.
CREATE TABLE connections (
    id              UUID                     NOT NULL PRIMARY KEY,
    owner_id        UUID                     NOT NULL REFERENCES users (id),
    name            VARCHAR(100)             NOT NULL,
    description     VARCHAR(1000),
    engine          VARCHAR(16)              NOT NULL,
    host            VARCHAR(255),
    port            INT,
    database_name   VARCHAR(255),
    username        VARCHAR(255),
    password_secret VARCHAR(2000),
    ssl_mode        VARCHAR(16)              NOT NULL,
    ca_certificate  VARCHAR(20000),
    file_path       VARCHAR(1024),
    srv             BOOLEAN                  NOT NULL,
    options_json    VARCHAR(4000),
    colour          VARCHAR(7)               NOT NULL,
    active          BOOLEAN                  NOT NULL,
    shared          BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX connections_owner_name_uq ON connections (owner_id, name);

CREATE TABLE connection_tags (
    connection_id UUID        NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    tag           VARCHAR(40) NOT NULL,
    PRIMARY KEY (connection_id, tag)
);
