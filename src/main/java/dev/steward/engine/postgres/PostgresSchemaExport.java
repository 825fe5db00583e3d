package dev.steward.engine.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import dev.steward.engine.support.ToolProcess;

/**
 * PostgreSQL's own tools end to end: {@code pg_dump -Fc} of the schema into a private archive, its table of contents
 * ({@code pg_restore --list}) filtered by {@link PostgresTocFilter}, and {@code pg_restore --use-list} writing the
 * chosen entries as SQL, with {@code --clean --if-exists} for the drops and {@code --single-transaction} for the
 * transaction. Owners and privileges are left out so the script loads into any database.
 */
@Component
public class PostgresSchemaExport implements SchemaExportCapability {

	private final PostgresClientTools clients;

	private final TargetAccess access;

	PostgresSchemaExport(PostgresClientTools clients, TargetAccess access) {
		this.clients = clients;
		this.access = access;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public Set<ObjectKind> objectKinds() {
		return EnumSet.of(ObjectKind.VIEWS, ObjectKind.ROUTINES, ObjectKind.TRIGGERS, ObjectKind.INDEXES,
				ObjectKind.SEQUENCES, ObjectKind.TYPES);
	}

	@Override
	public Set<DataMode> dataModes() {
		return EnumSet.allOf(DataMode.class);
	}

	@Override
	public String extension() {
		return "sql";
	}

	@Override
	public SchemaExport.Result export(ConnectionSpec spec, Options options, OutputStream out, ToolControl control,
			SchemaExport.Progress progress) throws IOException {
		String schema = options.schema() == null ? "public" : options.schema();
		ConnectionSpec target = spec.withDatabase(options.database());
		Files.createDirectories(options.workDir());
		Path archive = Files.createTempFile(options.workDir(), "schema-", ".pgdump",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Path list = Files.createTempFile(options.workDir(), "schema-", ".list",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		List<Path> cleanup = new ArrayList<>(List.of(archive, list));
		try {
			PostgresClientTools.Client client;
			PostgresTocFilter.Lookups lookups;
			List<String> tables;
			try (Connection c = PostgresBackupSupport.connect(target, access);
					AutoCloseable unblock = control.onAbort(() -> abortQuietly(c))) {
				PostgresBackupSupport.ServerVersion server = PostgresBackupSupport.serverVersion(c);
				client = clients.forServer(server.major(), server.version());
				lookups = lookups(c, schema);
				tables = tables(c, schema);
			}
			control.throwIfAborted();
			List<String> dumpArgs = new ArrayList<>(List.of(client.tool("pg_dump").toString(), "--format=custom",
					"--compress=0", "--no-password", "--file=" + archive, "--schema=" + pattern(schema)));
			if (options.data() == DataMode.NONE) {
				dumpArgs.add("--schema-only");
			}
			else {
				tables.stream().filter(t -> !options.selected(t))
					.forEach(t -> dumpArgs.add("--exclude-table-data=" + pattern(schema) + "." + pattern(t)));
			}
			ToolProcess dump = ToolProcess.of(dumpArgs);
			Path ca = PostgresBackupSupport.environment(dump, target, options.database(), options.workDir(), access);
			if (ca != null) {
				cleanup.add(ca);
			}
			// a dump with rows can take long before anything can be counted: its archive's growth is the progress
			Thread sampler = Thread.ofVirtual().name("schema-export-size").start(() -> sample(archive, progress));
			try {
				dump.run(control);
			}
			finally {
				sampler.interrupt();
			}

			ByteArrayOutputStream toc = new ByteArrayOutputStream();
			ToolProcess.of(List.of(client.tool("pg_restore").toString(), "--list", archive.toString())).stdout(toc)
				.run(control);
			List<String> kept = new PostgresTocFilter(options, lookups)
				.filter(List.of(toc.toString(StandardCharsets.UTF_8).split("\n")));
			Files.write(list, kept, StandardCharsets.UTF_8);
			progress.total(kept.size());

			List<String> restoreArgs = new ArrayList<>(List.of(client.tool("pg_restore").toString(), "--no-owner",
					"--no-privileges", "--file=-", "--use-list=" + list));
			if (options.dropIfExists()) {
				restoreArgs.addAll(List.of("--clean", "--if-exists"));
			}
			if (options.transaction()) {
				restoreArgs.add("--single-transaction");
			}
			restoreArgs.add(archive.toString());
			PostgresScriptStream script = new PostgresScriptStream(out, options.data() == DataMode.INSERTS,
					done -> progress.done(Math.min(done, kept.size())));
			ToolProcess.of(restoreArgs).stdout(script).run(control);
			script.finish();
			progress.done(kept.size());
			return new SchemaExport.Result(kept.size(), "pg_dump/pg_restore " + client.version());
		}
		catch (SQLException e) {
			control.throwIfAborted();
			throw new ToolUnavailable("Cannot reach the PostgreSQL server: " + e.getMessage(), e);
		}
		catch (IOException | RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		finally {
			for (Path p : cleanup) {
				Files.deleteIfExists(p);
			}
		}
	}

	private static void sample(Path archive, SchemaExport.Progress progress) {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				progress.preparing(Files.size(archive));
				Thread.sleep(500);
			}
		}
		catch (IOException | InterruptedException e) {
			// the dump ended (or its file went): nothing more to sample
		}
	}

	/** A name as a pg_dump pattern that matches only itself: inside double quotes wildcards are literal. */
	static String pattern(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static void abortQuietly(Connection c) {
		try {
			c.abort(Runnable::run);
		}
		catch (SQLException ignored) {
			// already closed
		}
	}

	private static List<String> tables(Connection c, String schema) throws SQLException {
		List<String> tables = new ArrayList<>();
		query(c, "SELECT c.relname, '' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
				+ "WHERE n.nspname = ? AND c.relkind IN ('r', 'p')", schema, (a, b) -> tables.add(a));
		return tables;
	}

	static PostgresTocFilter.Lookups lookups(Connection c, String schema) throws SQLException {
		Map<String, String> indexTable = new HashMap<>();
		query(c, """
				SELECT i.relname, t.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
				JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = i.relnamespace
				WHERE n.nspname = ?""", schema, indexTable::put);
		Map<String, Set<String>> sequenceTables = new HashMap<>();
		query(c, """
				SELECT s.relname, t.relname FROM pg_attrdef ad
				JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass
				JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
				JOIN pg_class t ON t.oid = ad.adrelid JOIN pg_namespace n ON n.oid = s.relnamespace
				WHERE n.nspname = ?
				UNION
				SELECT s.relname, t.relname FROM pg_class s
				JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
				  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
				JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = s.relnamespace
				WHERE s.relkind = 'S' AND n.nspname = ?""", schema,
				(s, t) -> sequenceTables.computeIfAbsent(s, k -> new HashSet<>()).add(t));
		Set<String> sequenceDefaults = new HashSet<>();
		query(c, """
				SELECT t.relname, a.attname FROM pg_attrdef ad JOIN pg_class t ON t.oid = ad.adrelid
				JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
				JOIN pg_namespace n ON n.oid = t.relnamespace
				WHERE n.nspname = ? AND pg_get_expr(ad.adbin, ad.adrelid) LIKE 'nextval(%'""", schema,
				(t, a) -> sequenceDefaults.add(t + " " + a));
		Map<String, String> foreignKeys = new HashMap<>();
		query(c, """
				SELECT t.relname || ' ' || c.conname, r.relname FROM pg_constraint c
				JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
				JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.contype = 'f' AND n.nspname = ?""", schema,
				foreignKeys::put);
		Map<String, Set<String>> routineRelations = new HashMap<>();
		query(c, """
				SELECT p.proname, r.relname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
				JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
				LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid
				JOIN pg_class r ON r.oid = CASE WHEN d.refclassid = 'pg_class'::regclass THEN d.refobjid ELSE t.typrelid END
				WHERE n.nspname = ? AND r.relkind IN ('r', 'p', 'v', 'm', 'f')""", schema,
				(p, r) -> routineRelations.computeIfAbsent(p, k -> new HashSet<>()).add(r));
		return new PostgresTocFilter.Lookups(indexTable, sequenceTables, sequenceDefaults, foreignKeys,
				routineRelations);
	}

	private static void query(Connection c, String sql, String schema,
			java.util.function.BiConsumer<String, String> row) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			int params = (int) sql.chars().filter(ch -> ch == '?').count();
			for (int i = 1; i <= params; i++) {
				ps.setString(i, schema);
			}
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					row.accept(rs.getString(1), rs.getString(2));
				}
			}
		}
	}
}
