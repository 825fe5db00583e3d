package dev.steward.connection;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a user asks a connection to be, as sent (every field optional until validated). On update a null
 * {@code password} or {@code caCertificate} keeps the stored one; {@code clearPassword} removes it, and an
 * empty {@code caCertificate} removes the certificate. A null {@code browseAllDatabases} means: only its own
 * database when one is named, all of them when none is. A null {@code ssh} means no SSH tunnel.
 */
public record ConnectionDraft(@Nullable String name, @Nullable String description, @Nullable String url,
		@Nullable String engine, @Nullable String host, @Nullable Integer port, @Nullable String database,
		@Nullable String username, @Nullable String password, @Nullable Boolean clearPassword,
		@Nullable String sslMode, @Nullable String caCertificate, @Nullable String filePath, @Nullable String colour,
		@Nullable Boolean active, @Nullable Boolean shared, @Nullable List<@Nullable String> tags,
		@Nullable Boolean browseAllDatabases, @Nullable SshDraft ssh) {

	/** Without an SSH tunnel. */
	public ConnectionDraft(@Nullable String name, @Nullable String description, @Nullable String url,
			@Nullable String engine, @Nullable String host, @Nullable Integer port, @Nullable String database,
			@Nullable String username, @Nullable String password, @Nullable Boolean clearPassword,
			@Nullable String sslMode, @Nullable String caCertificate, @Nullable String filePath,
			@Nullable String colour, @Nullable Boolean active, @Nullable Boolean shared,
			@Nullable List<@Nullable String> tags, @Nullable Boolean browseAllDatabases) {
		this(name, description, url, engine, host, port, database, username, password, clearPassword, sslMode,
				caCertificate, filePath, colour, active, shared, tags, browseAllDatabases, null);
	}

	@Override
	public String toString() {
		return "ConnectionDraft[name=" + name + ", engine=" + engine + ", host=" + host + "]";
	}
}
