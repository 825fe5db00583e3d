-- A read-only token may only read (GET, HEAD, OPTIONS); existing tokens keep full rights.
ALTER TABLE api_tokens ADD COLUMN read_only BOOLEAN DEFAULT FALSE NOT NULL;
