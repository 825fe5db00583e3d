package dev.steward.engine;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything needed to reach a target database, with secrets in clear. Lives only in memory:
 * {@link #toString()} redacts the password, and nothing should persist or log this record.
 *
 * @param host        network host; null for SQLite
 * @param port        null means the engine's default port
 * @param database    database (schema for MySQL) to connect to; may be null where the engine allows
 * @param filePath    SQLite database file; null for network engines
 * @param srv         MongoDB {@code mongodb+srv://} DNS seed list
 * @param options     extra driver options from a URL's query string (validated by the adapter)
 */
public record ConnectionSpec(EngineKind engine, @Nullable String host, @Nullable Integer port,
		@Nullable String database, @Nullable String username, @Nullable String password, SslMode sslMode,
		@Nullable String caCertificate, @Nullable String filePath, boolean srv, Map<String, String> options) {

	public ConnectionSpec {
		options = Map.copyOf(options);
	}

	public ConnectionSpec withDatabase(@Nullable String other) {
		return new ConnectionSpec(engine, host, port, other, username, password, sslMode, caCertificate, filePath,
				srv, options);
	}

	public ConnectionSpec withPassword(@Nullable String other) {
		return new ConnectionSpec(engine, host, port, database, username, other, sslMode, caCertificate, filePath,
				srv, options);
	}

	@Override
	public String toString() {
		return "ConnectionSpec[engine=" + engine + ", host=" + host + ", port=" + port + ", database=" + database
				+ ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", sslMode="
				+ sslMode + ", filePath=" + filePath + ", srv=" + srv + "]";
	}
}
