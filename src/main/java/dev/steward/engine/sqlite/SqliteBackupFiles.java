package dev.steward.engine.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.sqlite.SQLiteConfig;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolUnavailable;

/** JDBC helpers for SQLite backup files. */
final class SqliteBackupFiles {

	/** A new database for a restore is a plain file name placed beside the target's file: confined by construction. */
	static final Pattern FILE_NAME = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

	private SqliteBackupFiles() {
	}

	static Path file(ConnectionSpec spec) {
		if (spec.filePath() == null || spec.filePath().isBlank()) {
			throw new ToolUnavailable("The SQLite connection has no file");
		}
		return Path.of(spec.filePath()).toAbsolutePath().normalize();
	}

	static Path sibling(ConnectionSpec server, String name) {
		if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
			throw new IllegalArgumentException("a SQLite restore target is a plain file name (letters, digits, _ . -)");
		}
		return file(server).resolveSibling(name);
	}

	static Connection open(Path file, boolean readOnly) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(readOnly);
		config.setBusyTimeout(10_000);
		return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
	}

	static void checkIntegrity(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
			List<String> problems = new ArrayList<>();
			while (rs.next()) {
				problems.add(rs.getString(1));
			}
			if (!problems.equals(List.of("ok"))) {
				throw new ArchiveInvalid("SQLite integrity check failed: " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
			}
		}
	}

	static List<String> tables(Connection c) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		return names;
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	static List<TableRows> counts(Connection c) throws SQLException {
		List<TableRows> rows = new ArrayList<>();
		for (String t : tables(c)) {
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(t))) {
				rs.next();
				rows.add(new TableRows(t, rs.getLong(1), true));
			}
		}
		return rows;
	}
}
