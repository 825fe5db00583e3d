package dev.steward.engine;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Which pool {@link TargetPools} keeps: a registered connection's own one ({@code database} null), or one the
 * catalog opened for another database of the same server.
 */
public record PoolKey(UUID connectionId, @Nullable String database) {

	public static PoolKey of(UUID connectionId) {
		return new PoolKey(connectionId, null);
	}

	public PoolKey database(String other) {
		return new PoolKey(connectionId, other);
	}

	public boolean perDatabase() {
		return database != null;
	}

	@Override
	public String toString() {
		// no database name here: it came from a request and ends up in logs and thread names otherwise
		return connectionId + (database == null ? "" : "/<database>");
	}
}
