-- An optional SSH tunnel per networked connection. Secrets are AES-256-GCM ciphertext like password_secret
-- (see CredentialCipher); ssh_host_key is the SHA256 fingerprint pinned on the first successful connect.
ALTER TABLE connections ADD COLUMN ssh_host VARCHAR(255);
ALTER TABLE connections ADD COLUMN ssh_port INT;
ALTER TABLE connections ADD COLUMN ssh_username VARCHAR(255);
ALTER TABLE connections ADD COLUMN ssh_auth VARCHAR(16);
ALTER TABLE connections ADD COLUMN ssh_password_secret VARCHAR(2000);
ALTER TABLE connections ADD COLUMN ssh_key_secret VARCHAR(32000);
ALTER TABLE connections ADD COLUMN ssh_passphrase_secret VARCHAR(2000);
ALTER TABLE connections ADD COLUMN ssh_host_key VARCHAR(64);
