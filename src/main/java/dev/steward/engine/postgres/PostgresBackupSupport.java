package dev.steward.engine.postgres;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TableRows;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.Failures;
import dev.steward.engine.support.TargetJdbc;
import dev.steward.engine.support.ToolProcess;

/** JDBC and libpq plumbing shared by PostgreSQL dump and restore. */
final class PostgresBackupSupport {

	/** Beyond this much table data, manifests carry the planner's estimates instead of exact counts. */
	static final long EXACT_COUNT_LIMIT_BYTES = 256L * 1024 * 1024;

	private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

	private PostgresBackupSupport() {
	}

	/**
	 * A connection for backup work: the login is bounded by the connect timeout (and the host rule applies), the
	 * work after it is not, since a dump or restore has its own watchdogs. A connect that times out or cannot
	 * reach the host is {@link TargetUnreachable}.
	 */
	static Connection connect(ConnectionSpec spec, TargetAccess access) throws SQLException {
		access.check(spec);
		String host = spec.host() == null ? "localhost" : spec.host();
		int port = spec.port() == null ? 5432 : spec.port();
		String db = spec.database() == null || spec.database().isBlank() ? "postgres" : spec.database();
		String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
				+ URLEncoder.encode(db, StandardCharsets.UTF_8).replace("+", "%20");
		Properties p = new Properties();
		if (spec.username() != null) {
			p.setProperty("user", spec.username());
		}
		if (spec.password() != null) {
			p.setProperty("password", spec.password());
		}
		p.setProperty("sslmode", sslMode(spec));
		String seconds = String.valueOf(access.connectSeconds());
		p.setProperty("connectTimeout", seconds);
		p.setProperty("socketTimeout", seconds);
		p.setProperty("loginTimeout", seconds);
		p.setProperty("gssEncMode", "disable");
		p.setProperty("ApplicationName", "steward-backup");
		try {
			return TargetJdbc.connect(DRIVER, url, p, Duration.ZERO);
		}
		catch (SQLException e) {
			FailureCategory category = PostgresAdapter.classify(e);
			if (category == FailureCategory.TIMEOUT || category == FailureCategory.HOST_UNREACHABLE) {
				throw new TargetUnreachable(category, "Cannot reach the PostgreSQL server at " + host + ":" + port + ": "
						+ Failures.scrub(Failures.describe(e), spec.password()), e);
			}
			throw e;
		}
	}

	static String sslMode(ConnectionSpec spec) {
		return switch (spec.sslMode()) {
			case DISABLE -> "disable";
			case REQUIRE -> "require";
			case VERIFY_CA -> "verify-ca";
			case VERIFY_FULL -> "verify-full";
		};
	}

	record ServerVersion(int major, String version) {
	}

	static ServerVersion serverVersion(Connection c) throws SQLException {
		try (Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
			rs.next();
			int num = rs.getInt(1);
			String version = rs.getString(2).split(" ")[0];
			return new ServerVersion(num >= 100000 ? num / 10000 : num / 100, version);
		}
	}

	static ServerVersion serverVersion(ConnectionSpec spec, TargetAccess access) {
		try (Connection c = connect(spec, access)) {
			return serverVersion(c);
		}
		catch (SQLException e) {
			throw new ToolUnavailable("Cannot reach the PostgreSQL server: " + e.getMessage(), e);
		}
	}

	/**
	 * Connection settings for libpq tools, all through the environment: nothing (least of all the password)
	 * on the command line. A CA certificate goes to a 0600 temp file the caller deletes.
	 */
	static @Nullable Path environment(ToolProcess tool, ConnectionSpec spec, @Nullable String database, Path workDir,
			TargetAccess access) throws IOException {
		access.check(spec);
		tool.unsetEnv("PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGHOSTADDR", "PGSSLCERT", "PGSSLKEY")
			.env("PGHOST", spec.host() == null ? "localhost" : spec.host())
			.env("PGPORT", String.valueOf(spec.port() == null ? 5432 : spec.port()))
			.env("PGUSER", spec.username())
			.env("PGPASSWORD", spec.password())
			.env("PGDATABASE", database)
			.env("PGSSLMODE", sslMode(spec))
			.env("PGCONNECT_TIMEOUT", String.valueOf(access.connectSeconds()))
			.env("PGAPPNAME", "steward-backup");
		if (spec.caCertificate() != null && !spec.caCertificate().isBlank()) {
			Files.createDirectories(workDir);
			Path ca = Files.createTempFile(workDir, "ca-", ".pem",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(ca, spec.caCertificate());
			tool.env("PGSSLROOTCERT", ca.toString());
			return ca;
		}
		return null;
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/** User tables with row counts: exact when the data is small enough to count quickly, else estimates. */
	static List<TableRows> tableRows(Connection c, boolean forceExact) throws SQLException {
		record Table(String schema, String name, long estimate, long bytes) {
		}
		List<Table> tables = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
				SELECT n.nspname, c.relname, c.reltuples::bigint, pg_relation_size(c.oid)
				FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
				  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
				  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
				ORDER BY 1, 2""")) {
			while (rs.next()) {
				tables.add(new Table(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
			}
		}
		long total = tables.stream().mapToLong(Table::bytes).sum();
		boolean exact = forceExact || total <= EXACT_COUNT_LIMIT_BYTES;
		List<TableRows> rows = new ArrayList<>();
		for (Table t : tables) {
			if (exact) {
				try (Statement s = c.createStatement();
						ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(t.schema()) + "." + quote(t.name()))) {
					rs.next();
					rows.add(new TableRows(t.schema() + "." + t.name(), rs.getLong(1), true));
				}
			}
			else {
				rows.add(new TableRows(t.schema() + "." + t.name(), Math.max(0, t.estimate()), false));
			}
		}
		return rows;
	}
}
