package dev.steward.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.mongodb.client.MongoClient;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.steward.engine.support.JdbcTargetPool;
import dev.steward.engine.support.MongoTargetPool;
import dev.steward.test.ScratchDatabases;

/**
 * Catalog targets built straight from JDBC URLs and a Mongo client, so the introspectors can be tested
 * against real servers without the connection registry. Close to release the pools.
 */
public final class TestCatalogTargets {

	private TestCatalogTargets() {
	}

	public record Jdbc(EngineKind engine, HikariDataSource dataSource) implements JdbcTargetPool {

		@Override
		public void close() {
			dataSource.close();
		}
	}

	public record Mongo(MongoClient client, String database) implements MongoTargetPool {

		@Override
		public EngineKind engine() {
			return EngineKind.MONGODB;
		}

		@Override
		public void close() {
			client.close();
		}
	}

	public static Jdbc pool(EngineKind engine, String url, String user, String password) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(2);
		return new Jdbc(engine, new HikariDataSource(config));
	}

	/** A PostgreSQL target on the local server whose per-database pools are opened on demand. */
	public static Target postgres(String database) {
		ConnectionSpec spec = new ConnectionSpec(EngineKind.POSTGRESQL, "127.0.0.1", 5432, database,
				ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD, SslMode.DISABLE, null, null, false, Map.of());
		return new Target(spec, db -> pool(EngineKind.POSTGRESQL, ScratchDatabases.pgUrlFor(db),
				ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD));
	}

	public static Target mariadb(String database) {
		return mariadb(database, ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD);
	}

	/** A MariaDB target as another user (rights tests). */
	public static Target mariadb(String database, String user, String password) {
		ConnectionSpec spec = new ConnectionSpec(EngineKind.MYSQL, "127.0.0.1", 3306, database, user, password,
				SslMode.DISABLE, null, null, false, Map.of());
		return new Target(spec, db -> pool(EngineKind.MYSQL, "jdbc:mariadb://127.0.0.1:3306/" + database
				+ "?sslMode=disable", user, password));
	}

	public static Target sqlite(String file) {
		ConnectionSpec spec = new ConnectionSpec(EngineKind.SQLITE, null, null, null, null, null, SslMode.DISABLE,
				null, file, false, Map.of());
		return new Target(spec, db -> pool(EngineKind.SQLITE, "jdbc:sqlite:" + file, "", ""));
	}

	public static Target mongo(MongoClient client, String database) {
		ConnectionSpec spec = new ConnectionSpec(EngineKind.MONGODB, "127.0.0.1", 27017, database, null, null,
				SslMode.DISABLE, null, null, false, Map.of());
		Mongo pool = new Mongo(client, database);
		return new Target(spec, db -> pool);
	}

	public static final class Target implements CatalogTarget, AutoCloseable {

		private final ConnectionSpec spec;

		private final java.util.function.Function<String, TargetPool> opener;

		private final Map<String, TargetPool> pools = new ConcurrentHashMap<>();

		Target(ConnectionSpec spec, java.util.function.Function<String, TargetPool> opener) {
			this.spec = spec;
			this.opener = opener;
		}

		@Override
		public ConnectionSpec spec() {
			return spec;
		}

		@Override
		public TargetPool pool() {
			return pool(spec.database() == null ? "" : spec.database());
		}

		@Override
		public TargetPool pool(String database) {
			String key = spec.engine().equals(EngineKind.POSTGRESQL) ? database : "";
			return pools.computeIfAbsent(key, k -> opener.apply(database));
		}

		@Override
		public Duration statementTimeout() {
			return Duration.ofSeconds(10);
		}

		public DataSource dataSource() {
			return ((JdbcTargetPool) pool()).dataSource();
		}

		@Override
		public void close() {
			pools.values().forEach(TargetPool::close);
		}
	}
}
