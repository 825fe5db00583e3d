package dev.steward.engine.mysql;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.DumpConsistency;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.DumpResult;
import dev.steward.engine.EngineKind;
import dev.steward.engine.TableRows;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.ToolProcess;

/**
 * {@code mariadb-dump} (or {@code mysqldump}) in one consistent transaction, streaming rows
 * ({@code --single-transaction --quick}), with routines, triggers and events, binary columns as hex.
 */
@Component
public class MysqlDump implements DumpCapability {

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	public MysqlDump(TargetAccess access) {
		this.access = access;
	}

	/** With the default bounds and host rule (tests, tools). */
	public MysqlDump() {
		this(TargetAccess.defaults());
	}


	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public String extension() {
		return "sql";
	}

	@Override
	public boolean databaseChoice() {
		return true;
	}

	@Override
	public boolean systemDatabase(String name) {
		return MysqlCatalog.SYSTEM_SCHEMAS.contains(name.toLowerCase(java.util.Locale.ROOT));
	}

	@Override
	public void preflight(ConnectionSpec spec, DumpOptions options) {
		MysqlBackupSupport.database(spec.database());
		MysqlBackupSupport.tool("mariadb-dump", "mysqldump");
		if (!options.includeSchemas().isEmpty() || !options.excludeSchemas().isEmpty()) {
			throw new ToolUnavailable("MySQL/MariaDB dumps cover one database; schema filters do not apply");
		}
		try (Connection c = MysqlBackupSupport.connect(spec, spec.database(), access)) {
			MysqlBackupSupport.serverVersion(c);
		}
		catch (SQLException e) {
			throw new ToolUnavailable("Cannot reach the MySQL/MariaDB server: " + e.getMessage(), e);
		}
	}

	static List<String> arguments(Path tool, Path optionFile, String database, DumpOptions options) {
		List<String> args = new ArrayList<>(List.of(tool.toString(), "--defaults-extra-file=" + optionFile,
				"--single-transaction", "--quick", "--hex-blob", "--no-tablespaces"));
		switch (options.kind()) {
			case FULL -> args.addAll(List.of("--routines", "--triggers", "--events"));
			case SCHEMA -> args.addAll(List.of("--no-data", "--routines", "--triggers", "--events"));
			case DATA -> args.addAll(List.of("--no-create-info", "--skip-triggers"));
		}
		options.excludeTables().forEach(t -> args.add("--ignore-table=" + database + "." + t));
		args.add(database);
		args.addAll(options.includeTables());
		return args;
	}

	@Override
	public DumpResult dump(ConnectionSpec spec, DumpOptions options, OutputStream out, ToolControl control)
			throws IOException {
		String database = MysqlBackupSupport.database(spec.database());
		Path tool = MysqlBackupSupport.tool("mariadb-dump", "mysqldump");
		List<Path> cleanup = new ArrayList<>();
		try (Connection c = MysqlBackupSupport.connect(spec, database, access)) {
			String version = MysqlBackupSupport.serverVersion(c);
			List<TableRows> tables = MysqlBackupSupport.tableRows(c, database, false);
			if (options.kind() == DumpKind.SCHEMA) {
				tables = tables.stream().map(t -> new TableRows(t.name(), 0, true)).toList();
			}
			control.throwIfAborted();
			Path optionFile = MysqlBackupSupport.optionFile(spec, options.workDir(), cleanup, access);
			ToolProcess.Result ran = ToolProcess.of(arguments(tool, optionFile, database, options)).stdout(out).run(control);
			String toolVersion = ToolProcess.of(List.of(tool.toString(), "--version")).run(new ToolControl()).stdout().strip();
			return new DumpResult(version, tool.getFileName().toString(), toolVersion, "mysql sql dump", tables, DumpConsistency.SNAPSHOT);
		}
		catch (SQLException e) {
			control.throwIfAborted();
			throw new ToolUnavailable("Cannot reach the MySQL/MariaDB server: " + e.getMessage(), e);
		}
		finally {
			for (Path p : cleanup) {
				Files.deleteIfExists(p);
			}
		}
	}
}
