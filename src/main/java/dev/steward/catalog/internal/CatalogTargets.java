package dev.steward.catalog.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogTarget;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.TargetPool;
import dev.steward.engine.TargetPools;

/**
 * Builds the {@link CatalogTarget} for a registered connection: its own pool, and for PostgreSQL one pool per
 * other database, keyed {@code <connectionId>/<database>} so they are bounded like every other pool.
 */
@Component
public class CatalogTargets {

	private final TargetPools pools;

	private final CatalogProperties properties;

	/** The per-database pool keys opened for each connection, so they can be closed with it. */
	private final Map<UUID, Set<String>> databasePools = new ConcurrentHashMap<>();

	CatalogTargets(TargetPools pools, CatalogProperties properties) {
		this.pools = pools;
		this.properties = properties;
	}

	public CatalogTarget of(ResolvedConnection connection) {
		return new Target(connection);
	}

	/**
	 * Closes the per-database pools opened for a connection (its own pool is the registry's to evict), after it
	 * was edited, switched off or deleted. A later request opens fresh ones with the current settings.
	 */
	public void evictDatabasePools(UUID connectionId) {
		Set<String> keys = databasePools.remove(connectionId);
		if (keys != null) {
			keys.forEach(pools::evict);
		}
	}

	/** The per-database pool keys currently known for a connection (for tests and diagnostics). */
	public Set<String> databasePoolKeys(UUID connectionId) {
		return Set.copyOf(databasePools.getOrDefault(connectionId, Set.of()));
	}

	private final class Target implements CatalogTarget {

		private final ResolvedConnection connection;

		Target(ResolvedConnection connection) {
			this.connection = connection;
		}

		@Override
		public ConnectionSpec spec() {
			return connection.spec();
		}

		@Override
		public TargetPool pool() {
			return open(connection.poolKey(), connection.spec());
		}

		@Override
		public TargetPool pool(String database) {
			ConnectionSpec spec = connection.spec();
			if (spec.engine() != EngineKind.POSTGRESQL || Objects.equals(database, spec.database())
					|| (spec.database() == null && Objects.equals(database, spec.username()))) {
				return pool();
			}
			String key = connection.poolKey() + "/" + database;
			databasePools.computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet()).add(key);
			return open(key, spec.withDatabase(database));
		}

		private TargetPool open(String key, ConnectionSpec spec) {
			try {
				return pools.get(key, spec);
			}
			catch (RuntimeException e) {
				throw new CatalogUnavailable("Could not connect: " + e.getMessage(), e);
			}
		}

		@Override
		public Duration statementTimeout() {
			return properties.statementTimeout();
		}

		@Override
		public int sampleSize() {
			return properties.sampleSize();
		}
	}
}
