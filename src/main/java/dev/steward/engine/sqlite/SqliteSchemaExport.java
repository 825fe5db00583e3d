package dev.steward.engine.sqlite;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
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
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;

/**
 * SQLite keeps every definition as its original text in {@code sqlite_master}: tables first, then indexes, views and
 * triggers, each as written, optionally preceded by its {@code DROP … IF EXISTS} and followed (tables) by its rows
 * as {@code INSERT}s. The file is opened read-only.
 */
@Component
public class SqliteSchemaExport implements SchemaExportCapability {

	private record Definition(String type, String name, String table, String sql) {
	}

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	public Set<ObjectKind> objectKinds() {
		return EnumSet.of(ObjectKind.VIEWS, ObjectKind.TRIGGERS, ObjectKind.INDEXES);
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
		try (Connection c = SqliteBackupFiles.open(SqliteBackupFiles.file(spec), true);
				Statement s = c.createStatement();
				AutoCloseable stop = control.onAbort(() -> cancel(s))) {
			List<Definition> all = definitions(s, options);
			progress.total(all.size());
			Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			if (options.transaction()) {
				w.write("BEGIN TRANSACTION;\n");
			}
			long done = 0;
			for (Definition d : all) {
				control.throwIfAborted();
				if (options.dropIfExists()) {
					w.write("DROP " + d.type().toUpperCase(java.util.Locale.ROOT) + " IF EXISTS "
							+ SqliteBackupFiles.quote(d.name()) + ";\n");
				}
				w.write(d.sql() + ";\n");
				if (d.type().equals("table") && options.data() == DataMode.INSERTS) {
					rows(c, d.name(), w, control);
				}
				progress.done(++done);
			}
			if (options.transaction()) {
				w.write("COMMIT;\n");
			}
			w.flush();
			return new SchemaExport.Result(done, "sqlite_master");
		}
		catch (SQLException e) {
			control.throwIfAborted();
			throw new ToolFailed("Reading the SQLite schema failed: " + e.getMessage(), e);
		}
		catch (IOException | RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static List<Definition> definitions(Statement s, Options options) throws SQLException {
		List<Definition> all = new ArrayList<>();
		try (ResultSet rs = s.executeQuery("""
				SELECT type, name, tbl_name, sql FROM sqlite_master
				WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
				ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid""")) {
			while (rs.next()) {
				Definition d = new Definition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
				boolean keep = switch (d.type()) {
					case "table" -> options.selected(d.name());
					case "index" -> options.includes(ObjectKind.INDEXES) && options.selected(d.table());
					case "view" -> options.includes(ObjectKind.VIEWS) && options.tables().isEmpty();
					case "trigger" -> options.includes(ObjectKind.TRIGGERS) && options.selected(d.table());
					default -> false;
				};
				if (keep) {
					all.add(d);
				}
			}
		}
		return all;
	}

	private static void rows(Connection c, String table, Writer w, ToolControl control)
			throws SQLException, IOException {
		String quoted = SqliteBackupFiles.quote(table);
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
			ResultSetMetaData meta = rs.getMetaData();
			int n = meta.getColumnCount();
			StringBuilder columns = new StringBuilder();
			for (int i = 1; i <= n; i++) {
				columns.append(i > 1 ? ", " : "").append(SqliteBackupFiles.quote(meta.getColumnName(i)));
			}
			long row = 0;
			while (rs.next()) {
				if (++row % 1000 == 0) {
					control.throwIfAborted();
				}
				StringBuilder b = new StringBuilder("INSERT INTO ").append(quoted).append(" (").append(columns)
					.append(") VALUES (");
				for (int i = 1; i <= n; i++) {
					b.append(i > 1 ? ", " : "").append(literal(rs.getObject(i)));
				}
				w.write(b.append(");\n").toString());
			}
		}
	}

	static String literal(Object value) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof Number) {
			return value.toString();
		}
		if (value instanceof byte[] bytes) {
			return "X'" + HexFormat.of().formatHex(bytes) + "'";
		}
		return "'" + value.toString().replace("'", "''") + "'";
	}

	private static void cancel(Statement s) {
		try {
			s.cancel();
		}
		catch (SQLException ignored) {
			// finished already
		}
	}
}
