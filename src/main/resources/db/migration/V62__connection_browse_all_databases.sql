-- Whether the catalog may browse the server's other databases through a connection. Connections registered
-- for one database keep to it (a viewer could otherwise browse every database the credentials reach).
ALTER TABLE connections ADD COLUMN browse_all_databases BOOLEAN DEFAULT TRUE NOT NULL;
UPDATE connections SET browse_all_databases = FALSE WHERE database_name IS NOT NULL AND engine <> 'SQLITE';
