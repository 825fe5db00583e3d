package dev.steward.connection;

import java.util.UUID;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.PoolKey;

/**
 * A registered connection the current user may use, with its secrets decrypted for the engine.
 * In memory only: never serialise it into a response, an event or a log line.
 *
 * @param browseAllDatabases whether the catalog may show other databases of the server than the connection's own
 */
public record ResolvedConnection(UUID id, String name, EngineKind engine, ConnectionSpec spec, UUID ownerId,
		boolean shared, boolean active, boolean browseAllDatabases) {

	/** The key under which {@link dev.steward.engine.TargetPools} keeps this connection's own pool. */
	public PoolKey poolKey() {
		return PoolKey.of(id);
	}
}
