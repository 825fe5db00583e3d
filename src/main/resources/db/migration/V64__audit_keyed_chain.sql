-- The audit chain becomes keyed (HMAC-SHA256 under a key kept outside the store, see AuditKey).
-- Existing records keep their plain SHA-256 hashes as chain_version 1; new records are chain_version 2 and the
-- first of them links to the last SHA-256 record, so the old records are protected from here on.
ALTER TABLE audit_log ADD COLUMN chain_version INT DEFAULT 1 NOT NULL;

-- Fingerprint of the audit key the chain is sealed with (not the key): instances sharing a store must share it.
ALTER TABLE audit_chain_head ADD COLUMN key_id VARCHAR(16);
