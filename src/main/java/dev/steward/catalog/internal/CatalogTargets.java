package dev.steward.catalog.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogIntrospector;
import dev.steward.engine.CatalogModel.DatabaseInfo;
import dev.steward.engine.CatalogTarget;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.PoolLimitReached;
import dev.steward.engine.TargetPool;
import dev.steward.engine.TargetPools;
import dev.steward.shared.NotFound;

/**
 * Builds the {@link CatalogTarget} for a registered connection and decides which databases it may browse: its
 * own, and, when the connection allows browsing all of them, those the server lists (read through the
 * connection's own pool, kept for {@code steward.catalog.database-list-ttl}). Any other name is 404 before a
 * pool is opened for it, the same whether it does not exist or is not to be browsed, so nothing leaks. The
 * pools themselves are {@link TargetPools}' (bounded, closed when unused).
 */
@Component
public class CatalogTargets {

	/** A name missing from the cached list refreshes it, at most this often per connection. */
	private static final long MISS_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

	private record Listing(ConnectionSpec spec, Set<String> names, long at) {
	}

	private final TargetPools pools;

	private final Engines engines;

	private final CatalogProperties properties;

	private final Map<UUID, Listing> listings = new ConcurrentHashMap<>();

	CatalogTargets(TargetPools pools, Engines engines, CatalogProperties properties) {
		this.pools = pools;
		this.engines = engines;
		this.properties = properties;
	}

	public Target of(ResolvedConnection connection) {
		return new Target(connection);
	}

	/** Forgets the cached database list of a connection that was edited, switched off or deleted. */
	public void forget(UUID connectionId) {
		listings.remove(connectionId);
	}

	public final class Target implements CatalogTarget {

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
			return open(() -> pools.get(connection.poolKey(), connection.spec()));
		}

		@Override
		public TargetPool pool(String database) {
			ConnectionSpec spec = connection.spec();
			if (!engines.traits(spec.engine()).poolsPerDatabase() || isOwn(database)) {
				return pool();
			}
			requireDatabase(database);
			return open(() -> pools.get(connection.poolKey().database(database), spec.withDatabase(database)));
		}

		/**
		 * Refuses ({@link NotFound}) a database this connection may not browse: not its own while it is limited
		 * to that, or not on the server's list.
		 */
		public void requireDatabase(String database) {
			if (isOwn(database)) {
				return;
			}
			if (!connection.browseAllDatabases() || !listed(database)) {
				throw new NotFound("Database", database);
			}
		}

		/** The server's databases as this connection may see them: only its own one when limited to that. */
		public List<DatabaseInfo> visible(List<DatabaseInfo> databases) {
			if (!connection.browseAllDatabases()) {
				return databases.stream().filter(d -> isOwn(d.name())).toList();
			}
			remember(databases);
			return databases;
		}

		private boolean isOwn(String database) {
			return database.equals(ownDatabase(connection.spec()));
		}

		private boolean listed(String database) {
			long now = System.nanoTime();
			Listing listing = listings.get(connection.id());
			boolean current = listing != null && listing.spec().equals(connection.spec());
			if (current && now - listing.at() < properties.databaseListTtl().toNanos()
					&& listing.names().contains(database)) {
				return true;
			}
			if (current && now - listing.at() < MISS_REFRESH_NANOS) {
				return listing.names().contains(database);
			}
			List<DatabaseInfo> databases = engines.capability(connection.engine(), CatalogIntrospector.class)
				.databases(this);
			return remember(databases).contains(database);
		}

		private Set<String> remember(List<DatabaseInfo> databases) {
			Set<String> names = databases.stream().map(DatabaseInfo::name).collect(Collectors.toUnmodifiableSet());
			listings.put(connection.id(), new Listing(connection.spec(), names, System.nanoTime()));
			return names;
		}

		private TargetPool open(java.util.function.Supplier<TargetPool> opener) {
			try {
				return opener.get();
			}
			catch (PoolLimitReached e) {
				throw e;
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

	/** The database a connection's own pool reaches: the one it names, else the engine's default. */
	private @Nullable String ownDatabase(ConnectionSpec spec) {
		if (spec.database() != null && !spec.database().isBlank()) {
			return spec.database();
		}
		return engines.adapter(spec.engine()).defaultDatabase(spec);
	}
}
