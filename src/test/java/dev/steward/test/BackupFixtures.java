package dev.steward.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;

/** Sample data for backup tests and the fingerprints that prove a round trip lost nothing. */
public final class BackupFixtures {

	private BackupFixtures() {
	}

	public static Path datasets() {
		Path p = Path.of(System.getProperty("steward.datasets", "../shared/datasets"));
		return Files.isDirectory(p) ? p : Path.of("/work/shared/datasets");
	}

	public static ConnectionSpec postgresSpec(String database) {
		String hostPort = ScratchDatabases.PG_URL.replaceFirst("^jdbc:postgresql://", "").replaceFirst("/.*$", "");
		String[] hp = hostPort.split(":");
		return new ConnectionSpec(EngineKind.POSTGRESQL, hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : 5432, database,
				ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD.isEmpty() ? null : ScratchDatabases.PG_PASSWORD,
				SslMode.DISABLE, null, null, false, Map.of());
	}

	public static ConnectionSpec mariadbSpec(String database) {
		String hostPort = ScratchDatabases.MARIADB_URL.replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
		String[] hp = hostPort.split(":");
		return new ConnectionSpec(EngineKind.MYSQL, hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : 3306, database,
				ScratchDatabases.MARIADB_USER,
				ScratchDatabases.MARIADB_PASSWORD.isEmpty() ? null : ScratchDatabases.MARIADB_PASSWORD, SslMode.DISABLE,
				null, null, false, Map.of());
	}

	/** Loads Chinook into an existing PostgreSQL database (the part of the script after its {@code \c}). */
	public static void loadChinookPostgres(String database) throws IOException {
		String sql = Files.readString(datasets().resolve("chinook/Chinook_PostgreSql.sql"));
		sql = sql.substring(sql.indexOf("\\c chinook;") + "\\c chinook;".length());
		psql(database, sql);
	}

	public static void loadPagilaSchema(String database) throws IOException {
		psql(database, Files.readString(datasets().resolve("pagila/pagila-schema-pg15.sql")));
	}

	public static void loadChinookMariadb(String database) throws IOException {
		String sql = Files.readString(datasets().resolve("chinook/Chinook_MySql.sql"));
		sql = sql.substring(sql.indexOf("USE `Chinook`;") + "USE `Chinook`;".length());
		Path f = Files.createTempFile("chinook", ".sql");
		Files.writeString(f, sql);
		try {
			String hostPort = ScratchDatabases.MARIADB_URL.replaceFirst("^jdbc:mariadb://", "").replaceFirst("/.*$", "");
			String[] hp = hostPort.split(":");
			List<String> cmd = new ArrayList<>(List.of("mariadb", "--host=" + hp[0], "--port=" + (hp.length > 1 ? hp[1] : "3306"),
					"--user=" + ScratchDatabases.MARIADB_USER, "--skip-ssl", database));
			run(cmd, Map.of("MYSQL_PWD", ScratchDatabases.MARIADB_PASSWORD), f);
		}
		finally {
			Files.deleteIfExists(f);
		}
	}

	static void psql(String database, String sql) throws IOException {
		Path f = Files.createTempFile("load", ".sql");
		Files.writeString(f, sql);
		try {
			ConnectionSpec s = postgresSpec(database);
			run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", s.host(), "-p", String.valueOf(s.port()), "-U",
					s.username(), "-d", database, "-f", f.toString()), Map.of("PGPASSWORD", ScratchDatabases.PG_PASSWORD), null);
		}
		finally {
			Files.deleteIfExists(f);
		}
	}

	static void run(List<String> cmd, Map<String, String> env, Path stdin) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().putAll(env);
		if (stdin != null) {
			pb.redirectInput(stdin.toFile());
		}
		Process p = pb.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
				throw new IOException(cmd.get(0) + " failed: " + out);
			}
		}
		catch (InterruptedException e) {
			throw new IOException(e);
		}
	}

	/**
	 * For every table: row count and a SHA-256 over its rows rendered as text and sorted, so two databases with
	 * the same fingerprints hold the same data.
	 */
	public static Map<String, String> fingerprints(Connection c, List<String> tables) throws SQLException {
		Map<String, String> result = new TreeMap<>();
		for (String table : tables) {
			List<String> rows = new ArrayList<>();
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
				ResultSetMetaData md = rs.getMetaData();
				while (rs.next()) {
					StringBuilder row = new StringBuilder();
					for (int i = 1; i <= md.getColumnCount(); i++) {
						Object v = rs.getObject(i);
						row.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('\u0001');
					}
					rows.add(row.toString());
				}
			}
			rows.sort(null);
			result.put(table, rows.size() + ":" + sha256(String.join("\n", rows)));
		}
		return result;
	}

	public static List<String> tables(Connection c, String schemaPattern) throws SQLException {
		List<String> names = new ArrayList<>();
		try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), schemaPattern, "%", new String[] { "TABLE" })) {
			while (rs.next()) {
				names.add(rs.getString("TABLE_NAME"));
			}
		}
		names.sort(null);
		return names;
	}

	public static String sha256(String s) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
