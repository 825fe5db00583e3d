package dev.steward.connection.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;

/** One row of {@code connections} with its tags; the password only as ciphertext; {@code ssh} null without a tunnel. */
public record ConnectionRow(UUID id, UUID ownerId, String ownerUsername, String name, @Nullable String description,
		EngineKind engine, @Nullable String host, @Nullable Integer port, @Nullable String database,
		@Nullable String username, @Nullable String passwordSecret, SslMode sslMode, @Nullable String caCertificate,
		@Nullable String filePath, boolean srv, Map<String, String> options, String colour, boolean active,
		boolean shared, List<String> tags, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		@Nullable OffsetDateTime lastUsedAt, boolean browseAllDatabases, @Nullable SshRow ssh) {

	public ConnectionRow {
		options = Map.copyOf(options);
		tags = List.copyOf(tags);
	}

	public ConnectionRow withOwnerUsername(String name) {
		return new ConnectionRow(id, ownerId, name, this.name, description, engine, host, port, database, username,
				passwordSecret, sslMode, caCertificate, filePath, srv, options, colour, active, shared, tags, createdAt,
				updatedAt, lastUsedAt, browseAllDatabases, ssh);
	}

	@Override
	public String toString() {
		return "ConnectionRow[" + id + ", " + name + ", " + engine + "]";
	}
}
