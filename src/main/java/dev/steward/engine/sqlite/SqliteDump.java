package dev.steward.engine.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.DumpConsistency;
import dev.steward.engine.DumpResult;
import dev.steward.engine.EngineKind;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;

/**
 * A consistent copy of a live SQLite database with {@code VACUUM INTO} (never a raw file copy, which could
 * catch a half-written page), checked with {@code PRAGMA integrity_check}, then streamed. Schema-only empties
 * the copy's tables; data-only does not exist for a whole-file format.
 */
@Component
public class SqliteDump implements DumpCapability {

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	public String extension() {
		return "sqlite";
	}

	@Override
	public void preflight(ConnectionSpec spec, DumpOptions options) {
		if (options.kind() == DumpKind.DATA) {
			throw new ToolUnavailable("SQLite backups are whole database files: choose a full or schema-only backup");
		}
		if (options.filtered()) {
			throw new ToolUnavailable("SQLite backups are whole database files: table and schema filters do not apply");
		}
		if (!Files.isRegularFile(SqliteBackupFiles.file(spec))) {
			throw new ToolUnavailable("The SQLite file " + SqliteBackupFiles.file(spec) + " does not exist");
		}
	}

	@Override
	public DumpResult dump(ConnectionSpec spec, DumpOptions options, OutputStream out, ToolControl control)
			throws IOException {
		preflight(spec, options);
		Files.createDirectories(options.workDir());
		Path copy = options.workDir().resolve("sqlite-" + UUID.randomUUID() + ".db");
		try {
			String version;
			try (Connection source = SqliteBackupFiles.open(SqliteBackupFiles.file(spec), true);
					Statement s = source.createStatement();
					AutoCloseable stop = control.onAbort(() -> interrupt(s))) {
				try (ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
					rs.next();
					version = rs.getString(1);
				}
				s.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
			}
			control.throwIfAborted();
			List<TableRows> tables;
			try (Connection c = SqliteBackupFiles.open(copy, false)) {
				SqliteBackupFiles.checkIntegrity(c);
				if (options.kind() == DumpKind.SCHEMA) {
					try (Statement s = c.createStatement()) {
						for (String t : SqliteBackupFiles.tables(c)) {
							s.execute("DELETE FROM " + SqliteBackupFiles.quote(t));
						}
						s.execute("VACUUM");
					}
				}
				tables = SqliteBackupFiles.counts(c);
			}
			try (InputStream in = Files.newInputStream(copy)) {
				byte[] buffer = new byte[256 * 1024];
				int n;
				while ((n = in.read(buffer)) > 0) {
					control.throwIfAborted();
					out.write(buffer, 0, n);
				}
			}
			return new DumpResult(version, "sqlite-jdbc VACUUM INTO", version, "sqlite database file", tables, DumpConsistency.SNAPSHOT);
		}
		catch (SQLException e) {
			control.throwIfAborted();
			throw new ToolFailed("SQLite copy failed: " + e.getMessage(), e);
		}
		catch (IOException | RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	private static void interrupt(Statement s) {
		try {
			s.cancel();
		}
		catch (SQLException ignored) {
			// finished already
		}
	}
}
