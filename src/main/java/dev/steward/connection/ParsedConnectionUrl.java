package dev.steward.connection;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;

/** What a connection string says, for filling in a form; the password only as "there is one". */
public record ParsedConnectionUrl(EngineKind engine, @Nullable String host, @Nullable Integer port,
		@Nullable String database, @Nullable String username, boolean hasPassword, SslMode sslMode,
		@Nullable String filePath) {
}
