package dev.steward.engine.mysql;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SchemaExport;
import dev.steward.engine.SchemaExport.DataMode;
import dev.steward.engine.SchemaExport.ObjectKind;
import dev.steward.engine.SchemaExport.Options;
import dev.steward.engine.SchemaExportCapability;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.MarkerCountingStream;
import dev.steward.engine.support.ToolProcess;

/**
 * {@code mariadb-dump} (or {@code mysqldump}) with {@code --no-data} unless rows were asked for, and its own
 * {@code --routines}, {@code --triggers} and {@code --events} switches; views left out by name. Indexes live inside
 * MySQL's {@code CREATE TABLE}, so they cannot be toggled here. The password reaches the tool only in a 0600 option
 * file.
 */
@Component
public class MysqlSchemaExport implements SchemaExportCapability {

	private static final List<String> MARKERS = List.of("-- Table structure for table ",
			"-- Final view structure for view ");

	private final TargetAccess access;

	MysqlSchemaExport(TargetAccess access) {
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public Set<ObjectKind> objectKinds() {
		return EnumSet.of(ObjectKind.VIEWS, ObjectKind.ROUTINES, ObjectKind.TRIGGERS, ObjectKind.EVENTS);
	}

	@Override
	public Set<DataMode> dataModes() {
		return EnumSet.of(DataMode.NONE, DataMode.INSERTS);
	}

	@Override
	public String extension() {
		return "sql";
	}

	@Override
	public SchemaExport.Result export(ConnectionSpec spec, Options options, OutputStream out, ToolControl control,
			SchemaExport.Progress progress) throws IOException {
		String database = MysqlBackupSupport.database(options.database());
		for (String t : options.tables()) {
			if (t.startsWith("-")) {
				throw new ToolUnavailable("mariadb-dump cannot take a table name starting with '-': " + t);
			}
		}
		Path tool = MysqlBackupSupport.tool("mariadb-dump", "mysqldump");
		List<Path> cleanup = new ArrayList<>();
		try {
			List<String> views = new ArrayList<>();
			long tableCount = 0;
			try (Connection c = MysqlBackupSupport.connect(spec, database, access);
					PreparedStatement ps = c.prepareStatement(
							"SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
				ps.setString(1, database);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						if ("VIEW".equals(rs.getString(2))) {
							views.add(rs.getString(1));
						}
						else if (options.selected(rs.getString(1))) {
							tableCount++;
						}
					}
				}
			}
			boolean withViews = options.includes(ObjectKind.VIEWS) && options.tables().isEmpty();
			long total = tableCount + (withViews ? views.size() : 0);
			progress.total(total);
			control.throwIfAborted();
			Path optionFile = MysqlBackupSupport.optionFile(spec, options.workDir(), cleanup, access);
			List<String> args = arguments(tool, optionFile, database, options, withViews ? List.of() : views);
			if (options.transaction()) {
				out.write("START TRANSACTION;\n".getBytes(StandardCharsets.UTF_8));
			}
			MarkerCountingStream counted = new MarkerCountingStream(out, MARKERS,
					done -> progress.done(Math.min(done, total)));
			ToolProcess.of(args).stdout(counted).run(control);
			if (options.transaction()) {
				out.write("COMMIT;\n".getBytes(StandardCharsets.UTF_8));
			}
			progress.done(total);
			return new SchemaExport.Result(total, tool.getFileName().toString());
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

	static List<String> arguments(Path tool, Path optionFile, String database, Options options,
			List<String> leaveOut) {
		List<String> args = new ArrayList<>(List.of(tool.toString(), "--defaults-extra-file=" + optionFile,
				"--single-transaction", "--quick", "--hex-blob", "--no-tablespaces", "--skip-dump-date"));
		if (options.data() == DataMode.NONE) {
			args.add("--no-data");
		}
		args.add(options.includes(ObjectKind.ROUTINES) ? "--routines" : "--skip-routines");
		args.add(options.includes(ObjectKind.TRIGGERS) ? "--triggers" : "--skip-triggers");
		args.add(options.includes(ObjectKind.EVENTS) ? "--events" : "--skip-events");
		if (options.dropIfExists()) {
			args.addAll(List.of("--add-drop-table", "--add-drop-trigger"));
		}
		else {
			args.add("--skip-add-drop-table");
		}
		leaveOut.forEach(v -> args.add("--ignore-table=" + database + "." + v));
		args.add(database);
		args.addAll(options.tables());
		return args;
	}
}
