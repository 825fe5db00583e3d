package dev.steward.connection;

import org.jspecify.annotations.Nullable;

/** List filters; null means "any". {@code q} matches name, description, host, database and file path. */
public record ConnectionFilter(@Nullable String engine, @Nullable Boolean active, @Nullable String tag,
		@Nullable String q) {

	public static ConnectionFilter none() {
		return new ConnectionFilter(null, null, null, null);
	}
}
