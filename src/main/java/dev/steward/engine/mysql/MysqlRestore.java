package dev.steward.engine.mysql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ArchiveSource;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.ToolProcess;

/**
 * Feeds a dump to the {@code mariadb} (or {@code mysql}) client, which stops at the first error (no
 * {@code --force}). The listing check reads the whole script: it must end with the dump tool's
 * completion marker and hold at least one table or row.
 */
@Component
public class MysqlRestore implements RestoreCapability {

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	public MysqlRestore(TargetAccess access) {
		this.access = access;
	}

	/** With the default bounds and host rule (tests, tools). */
	public MysqlRestore() {
		this(TargetAccess.defaults());
	}


	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public ArchiveListing inspect(ArchiveSource archive, ToolControl control) throws IOException {
		int tables = 0;
		int inserts = 0;
		int routines = 0;
		String last = "";
		List<String> sample = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(archive.open(), StandardCharsets.UTF_8), 1 << 16)) {
			String line;
			long n = 0;
			while ((line = r.readLine()) != null) {
				if ((++n & 0x3ff) == 0) {
					control.throwIfAborted();
				}
				if (line.startsWith("CREATE TABLE")) {
					tables++;
					if (sample.size() < 20) {
						sample.add(line.length() > 120 ? line.substring(0, 120) : line);
					}
				}
				else if (line.startsWith("INSERT INTO")) {
					inserts++;
				}
				else if (line.contains("PROCEDURE") || line.contains("FUNCTION") || line.contains("TRIGGER")) {
					routines++;
				}
				if (!line.isBlank()) {
					last = line;
				}
			}
		}
		if (!last.startsWith("-- Dump completed")) {
			throw new ArchiveInvalid("The SQL dump is incomplete: it does not end with the dump tool's completion marker");
		}
		if (tables + inserts == 0) {
			throw new ArchiveInvalid("The SQL dump holds no tables and no rows");
		}
		return new ArchiveListing(tables + inserts + routines, sample);
	}

	@Override
	public void restore(ConnectionSpec target, ArchiveSource archive, RestoreOptions options, ToolControl control)
			throws IOException {
		String database = MysqlBackupSupport.database(target.database());
		Path client = MysqlBackupSupport.tool("mariadb", "mysql");
		List<Path> cleanup = new ArrayList<>();
		try (InputStream in = archive.open()) {
			Path optionFile = MysqlBackupSupport.optionFile(target, options.workDir(), cleanup, access);
			ToolProcess.of(List.of(client.toString(), "--defaults-extra-file=" + optionFile, "--batch", "--binary-mode",
					"--database=" + database)).stdin(in).run(control);
		}
		finally {
			for (Path p : cleanup) {
				Files.deleteIfExists(p);
			}
		}
	}

	@Override
	public boolean databaseExists(ConnectionSpec server, String database) {
		try (Connection c = MysqlBackupSupport.connect(server, null, access);
				PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
			ps.setString(1, database);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		}
		catch (SQLException e) {
			throw new ToolUnavailable("Cannot reach the MySQL/MariaDB server: " + e.getMessage(), e);
		}
	}

	@Override
	public ConnectionSpec createDatabase(ConnectionSpec server, String database) {
		execute(server, "CREATE DATABASE " + MysqlBackupSupport.quote(MysqlBackupSupport.database(database)));
		return server.withDatabase(database);
	}

	@Override
	public void dropDatabase(ConnectionSpec server, String database) {
		execute(server, "DROP DATABASE IF EXISTS " + MysqlBackupSupport.quote(MysqlBackupSupport.database(database)));
	}

	@Override
	public List<TableRows> countRows(ConnectionSpec spec) {
		String database = MysqlBackupSupport.database(spec.database());
		try (Connection c = MysqlBackupSupport.connect(spec, database, access)) {
			return MysqlBackupSupport.tableRows(c, database, true);
		}
		catch (SQLException e) {
			throw new ToolFailed("Counting rows failed: " + e.getMessage(), e);
		}
	}

	private void execute(ConnectionSpec spec, String sql) {
		try (Connection c = MysqlBackupSupport.connect(spec, null, access); Statement s = c.createStatement()) {
			s.execute(sql);
		}
		catch (SQLException e) {
			throw new ToolFailed(e.getMessage() == null ? "statement failed" : e.getMessage(), e);
		}
	}
}
