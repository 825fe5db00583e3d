package dev.steward.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Uniquely named scratch databases on the machine's real PostgreSQL and MariaDB, one per test, dropped
 * afterwards. Server URLs are overridable: STEWARD_TEST_PG_URL / _USER / _PASSWORD and
 * STEWARD_TEST_MARIADB_URL / _USER / _PASSWORD.
 */
public final class ScratchDatabases {

	public static final String PG_URL = env("STEWARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
	public static final String PG_USER = env("STEWARD_TEST_PG_USER", "postgres");
	public static final String PG_PASSWORD = env("STEWARD_TEST_PG_PASSWORD", "");
	public static final String MARIADB_URL = env("STEWARD_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
	public static final String MARIADB_USER = env("STEWARD_TEST_MARIADB_USER", "root");
	public static final String MARIADB_PASSWORD = env("STEWARD_TEST_MARIADB_PASSWORD", "");

	private ScratchDatabases() {
	}

	public static String uniqueName(String prefix) {
		return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
	}

	/** A new empty PostgreSQL database; close the handle to drop it. */
	public static Scratch postgres(String prefix) {
		String name = uniqueName(prefix);
		exec(PG_URL, PG_USER, PG_PASSWORD, "CREATE DATABASE " + name);
		return new Scratch(name, pgUrlFor(name), PG_USER, PG_PASSWORD,
				() -> exec(PG_URL, PG_USER, PG_PASSWORD, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
	}

	/** A new empty MariaDB database (schema); close the handle to drop it. */
	public static Scratch mariadb(String prefix) {
		String name = uniqueName(prefix);
		exec(MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD, "CREATE DATABASE " + name);
		return new Scratch(name, MARIADB_URL + name, MARIADB_USER, MARIADB_PASSWORD,
				() -> exec(MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD, "DROP DATABASE IF EXISTS " + name));
	}

	public static String pgUrlFor(String database) {
		int slash = PG_URL.lastIndexOf('/');
		return PG_URL.substring(0, slash + 1) + database;
	}

	public static void exec(String url, String user, String password, String... sql) {
		try (Connection c = DriverManager.getConnection(withSsl(url), user, password);
				Statement s = c.createStatement()) {
			for (String statement : sql) {
				s.execute(statement);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not run " + String.join("; ", sql) + " on " + url, e);
		}
	}

	private static String withSsl(String url) {
		// mariadb-java-client 3+ would try TLS first; the local server has none
		if (url.startsWith("jdbc:mariadb:") && !url.contains("sslMode")) {
			return url + (url.contains("?") ? "&" : "?") + "sslMode=disable";
		}
		return url;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	/** A scratch database; {@link #close()} drops it. */
	public record Scratch(String name, String jdbcUrl, String user, String password, Runnable dropper)
			implements AutoCloseable {

		public void exec(String... sql) {
			ScratchDatabases.exec(jdbcUrl, user, password, sql);
		}

		public Connection connect() throws SQLException {
			return DriverManager.getConnection(withSsl(jdbcUrl), user, password);
		}

		@Override
		public void close() {
			dropper.run();
		}
	}
}
