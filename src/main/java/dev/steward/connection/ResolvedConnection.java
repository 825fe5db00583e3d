package dev.steward.connection;

import java.util.UUID;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;

/**
 * A registered connection the current user may use, with its secrets decrypted for the engine.
 * In memory only: never serialise it into a response, an event or a log line.
 */
public record ResolvedConnection(UUID id, String name, EngineKind engine, ConnectionSpec spec, UUID ownerId,
		boolean shared, boolean active) {

	/** The key under which {@link dev.steward.engine.TargetPools} keeps this connection's pool. */
	public String poolKey() {
		return id.toString();
	}
}
