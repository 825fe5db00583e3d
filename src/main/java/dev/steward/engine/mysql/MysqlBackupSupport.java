package dev.steward.engine.mysql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.FailureCategory;
import dev.steward.engine.TableRows;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.Failures;
import dev.steward.engine.support.TargetJdbc;

/** JDBC and client-tool plumbing shared by MySQL/MariaDB dump and restore. */
final class MysqlBackupSupport {

	/**
	 * Database names a tool can take as one argument: no leading dash (it would read as an option), no control
	 * characters, none of {@code / \\ .} (MariaDB's own rule for database names, and '.' would split
	 * {@code --ignore-table=db.table}). Spaces, {@code $}, {@code %} and any other Unicode are fine: arguments
	 * never pass through a shell.
	 */
	static final Pattern DATABASE = Pattern.compile("^[^-/\\\\.\\p{Cntrl}][^/\\\\.\\p{Cntrl}]{0,63}$");

	static final long EXACT_COUNT_LIMIT_BYTES = 256L * 1024 * 1024;

	private static final org.mariadb.jdbc.Driver DRIVER = new org.mariadb.jdbc.Driver();

	private MysqlBackupSupport() {
	}

	static String database(@Nullable String name) {
		if (name == null || !DATABASE.matcher(name).matches() || name.endsWith(" ")) {
			throw new ToolUnavailable("A MySQL/MariaDB dump needs a database name of at most 64 characters, not "
					+ "starting with '-', without / \\ . or control characters (got "
					+ (name == null ? "none" : "'" + name.replaceAll("\\p{Cntrl}", "?") + "'") + ")");
		}
		return name;
	}

	/**
	 * A connection for backup work, by the same properties as the adapter's (names never in URL text): the login
	 * is bounded by the connect timeout and the host rule applies; the work after it has its own watchdogs. A
	 * connect that times out or cannot reach the host is {@link TargetUnreachable}.
	 */
	static Connection connect(ConnectionSpec spec, @Nullable String database, TargetAccess access) throws SQLException {
		access.check(spec);
		try {
			return TargetJdbc.connect(DRIVER, MysqlAdapter.jdbcUrl(spec),
					MysqlAdapter.properties(spec, database, access.connectTimeout()), Duration.ZERO);
		}
		catch (SQLException e) {
			FailureCategory category = MysqlAdapter.classify(e);
			if (category == FailureCategory.TIMEOUT || category == FailureCategory.HOST_UNREACHABLE) {
				throw new TargetUnreachable(category, "Cannot reach the MySQL/MariaDB server at " + spec.host() + ": "
						+ Failures.scrub(Failures.describe(e), spec.password()), e);
			}
			throw e;
		}
	}

	static String serverVersion(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
			rs.next();
			return rs.getString(1);
		}
	}

	static Path tool(String... names) {
		String path = System.getenv("PATH");
		for (String name : names) {
			for (String dir : (path == null ? "/usr/bin" : path).split(":")) {
				Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
				if (Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		throw new ToolUnavailable("The " + String.join(" / ", names) + " client was not found on PATH. Install it "
				+ "(Debian/Ubuntu: apt-get install mariadb-client).");
	}

	/**
	 * A 0600 option file with the connection settings: the only way the password reaches the client, since
	 * nothing secret may go on the command line. The caller deletes it.
	 */
	static Path optionFile(ConnectionSpec spec, Path workDir, List<Path> cleanup, TargetAccess access)
			throws IOException {
		access.check(spec);
		Files.createDirectories(workDir);
		Path file = Files.createTempFile(workDir, "client-", ".cnf",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		cleanup.add(file);
		StringBuilder b = new StringBuilder("[client]\n");
		b.append("host=").append(value(spec.host() == null ? "localhost" : spec.host())).append('\n');
		b.append("port=").append(spec.port() == null ? 3306 : spec.port()).append('\n');
		b.append("protocol=TCP\n");

		if (spec.username() != null) {
			b.append("user=").append(value(spec.username())).append('\n');
		}
		b.append("password=").append(value(spec.password() == null ? "" : spec.password())).append('\n');
		switch (spec.sslMode()) {
			case DISABLE -> b.append("skip-ssl\n");
			case REQUIRE -> b.append("ssl\nskip-ssl-verify-server-cert\n");
			case VERIFY_CA, VERIFY_FULL -> {
				b.append("ssl\nssl-verify-server-cert\n");
				if (spec.caCertificate() != null && !spec.caCertificate().isBlank()) {
					Path ca = Files.createTempFile(workDir, "ca-", ".pem",
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
					cleanup.add(ca);
					Files.writeString(ca, spec.caCertificate());
					b.append("ssl-ca=").append(value(ca.toString())).append('\n');
				}
			}
		}
		// the mariadb client bounds its connect; mariadb-dump has no such option (the JDBC preflight right before it
		// is bounded, and the backup's stall watchdog ends a dump that goes silent)
		b.append("[mysql]\nconnect-timeout=").append(access.connectSeconds()).append('\n');
		Files.writeString(file, b);
		return file;
	}

	/** Option-file value: quoted (keeps spaces), with the escapes the option-file parser understands. */
	static String value(String v) {
		return "\"" + v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
	}

	static String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

	static List<TableRows> tableRows(Connection c, String database, boolean forceExact) throws SQLException {
		record Table(String name, long estimate, long bytes) {
		}
		List<Table> tables = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) "
				+ "FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
			ps.setString(1, database);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					tables.add(new Table(rs.getString(1), rs.getLong(2), rs.getLong(3)));
				}
			}
		}
		boolean exact = forceExact || tables.stream().mapToLong(Table::bytes).sum() <= EXACT_COUNT_LIMIT_BYTES;
		List<TableRows> rows = new ArrayList<>();
		for (Table t : tables) {
			if (exact) {
				try (Statement s = c.createStatement();
						ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(database) + "." + quote(t.name()))) {
					rs.next();
					rows.add(new TableRows(t.name(), rs.getLong(1), true));
				}
			}
			else {
				rows.add(new TableRows(t.name(), t.estimate(), false));
			}
		}
		return rows;
	}
}
