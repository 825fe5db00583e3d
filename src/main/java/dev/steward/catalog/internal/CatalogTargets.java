package dev.steward.catalog.internal;

import java.time.Duration;
import java.util.Objects;

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

	CatalogTargets(TargetPools pools, CatalogProperties properties) {
		this.pools = pools;
		this.properties = properties;
	}

	public CatalogTarget of(ResolvedConnection connection) {
		return new Target(connection);
	}

	/** Closes the per-database pools of a connection (its own pool is the registry's to evict). */
	public void evictDatabasePools(String connectionKey, Iterable<String> databases) {
		databases.forEach(db -> pools.evict(connectionKey + "/" + db));
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
			return open(connection.poolKey() + "/" + database, spec.withDatabase(database));
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
			return properties.statement();
		}

		@Override
		public int sampleSize() {
			return properties.sample();
		}
	}
}
