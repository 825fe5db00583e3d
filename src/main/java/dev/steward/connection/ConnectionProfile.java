package dev.steward.connection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;

/**
 * A registered connection as the current user may see it: no secrets, only whether they exist.
 *
 * @param url      the connection string without the password
 * @param editable whether the current user may change or delete it
 * @param browseAllDatabases whether the catalog shows the server's other databases too
 * @param ssh      the SSH tunnel, null without one
 */
public record ConnectionProfile(UUID id, String name, @Nullable String description, EngineKind engine,
		@Nullable String host, @Nullable Integer port, @Nullable String database, @Nullable String username,
		boolean hasPassword, SslMode sslMode, boolean hasCaCertificate, @Nullable String filePath, String url,
		String colour, boolean active, boolean shared, List<String> tags, Owner owner, boolean editable,
		Instant createdAt, Instant updatedAt, @Nullable Instant lastUsedAt, boolean browseAllDatabases,
		@Nullable SshProfile ssh) {

	public record Owner(UUID id, String username) {
	}
}
