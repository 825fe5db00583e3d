package dev.steward.engine.sqlite;

import static dev.steward.engine.support.CatalogJdbc.getLong;
import static dev.steward.engine.support.CatalogJdbc.likeContains;
import static dev.steward.engine.support.CatalogJdbc.query;
import static dev.steward.engine.support.CatalogJdbc.queryOne;
import static dev.steward.engine.support.CatalogJdbc.quoteDouble;
import static dev.steward.engine.support.CatalogJdbc.withConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.engine.CatalogIntrospector;
import dev.steward.engine.CatalogModel.ColumnInfo;
import dev.steward.engine.CatalogModel.ConstraintInfo;
import dev.steward.engine.CatalogModel.ConstraintType;
import dev.steward.engine.CatalogModel.DatabaseInfo;
import dev.steward.engine.CatalogModel.ForeignKeyInfo;
import dev.steward.engine.CatalogModel.IndexInfo;
import dev.steward.engine.CatalogModel.ObjectDetail;
import dev.steward.engine.CatalogModel.ObjectKind;
import dev.steward.engine.CatalogModel.ObjectPage;
import dev.steward.engine.CatalogModel.ObjectQuery;
import dev.steward.engine.CatalogModel.ObjectRef;
import dev.steward.engine.CatalogModel.ObjectSummary;
import dev.steward.engine.CatalogModel.SchemaInfo;
import dev.steward.engine.CatalogModel.SnapshotColumn;
import dev.steward.engine.CatalogModel.SnapshotKey;
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.engine.CatalogModel.TableStats;
import dev.steward.engine.CatalogModel.TriggerInfo;
import dev.steward.engine.CatalogTarget;
import dev.steward.engine.EngineKind;

/**
 * SQLite from {@code sqlite_master} and the table-valued pragmas ({@code pragma_table_xinfo(table, schema)}
 * and friends take names as bound arguments). Databases are the main file and any attached ones; each has
 * one schema of the same name. Sizes come from {@code dbstat} when the library has it.
 */
@Component
class SqliteCatalog implements CatalogIntrospector {

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	public List<DatabaseInfo> databases(CatalogTarget target) {
		return withConnection(target.pool(), c -> query(c, target.statementTimeout(),
				"SELECT name, file FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq",
				rs -> new DatabaseInfo(rs.getString(1), null, rs.getString(1).equals("main"),
						rs.getString(2) == null || rs.getString(2).isEmpty() ? null : rs.getString(2))));
	}

	/** The attached database's name exactly as SQLite knows it, or empty. */
	private static Optional<String> database(Connection c, Duration t, String name) throws SQLException {
		return queryOne(c, t, "SELECT name FROM pragma_database_list WHERE name = ?", rs -> rs.getString(1), name);
	}

	private static String master(String db) {
		return quoteDouble(db) + ".sqlite_master";
	}

	@Override
	public List<SchemaInfo> schemas(CatalogTarget target, String database) {
		return withConnection(target.pool(), c -> {
			Optional<String> db = database(c, target.statementTimeout(), database);
			if (db.isEmpty()) {
				return List.of();
			}
			Map<String, Long> counts = new LinkedHashMap<>();
			query(c, target.statementTimeout(), "SELECT type, count(*) FROM " + master(db.get())
					+ " WHERE type IN ('table','view','trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' GROUP BY type",
					rs -> counts.put(rs.getString(1), rs.getLong(2)));
			return List.of(new SchemaInfo(db.get(), null, null, counts));
		});
	}

	private static String types(@Nullable ObjectKind kind) {
		if (kind == null) {
			return "'table','view'";
		}
		return switch (kind) {
			case TABLE -> "'table'";
			case VIEW -> "'view'";
			case TRIGGER -> "'trigger'";
			default -> "'-'";
		};
	}

	private static ObjectKind kindOf(String type) {
		return switch (type) {
			case "view" -> ObjectKind.VIEW;
			case "trigger" -> ObjectKind.TRIGGER;
			default -> ObjectKind.TABLE;
		};
	}

	@Override
	public ObjectPage objects(CatalogTarget target, ObjectQuery q) {
		Duration t = target.statementTimeout();
		return withConnection(target.pool(), c -> {
			Optional<String> db = database(c, t, q.schema());
			if (db.isEmpty()) {
				return new ObjectPage(List.of(), 0);
			}
			boolean dbstat = hasDbstat(c, t, db.get());
			String sizeExpr = dbstat ? "(SELECT sum(pgsize) FROM dbstat(?) s WHERE s.name = m.name)" : "NULL";
			// without statistics SQLite knows no row estimate; sorting by rows falls back to the name
			String sortExpr = switch (q.sort()) {
				case SIZE -> dbstat ? "size" : "m.name";
				default -> "m.name";
			};
			String sql = """
					SELECT m.name, m.type, m.tbl_name, %s AS size,
					       CASE WHEN m.type = 'table' THEN EXISTS (SELECT 1 FROM pragma_table_info(m.name, ?) WHERE pk > 0) END AS has_pk,
					       count(*) OVER () AS total
					FROM %s m
					WHERE m.type IN (%s) AND m.name NOT LIKE 'sqlite\\_%%' ESCAPE '\\'
					  AND (? IS NULL OR m.name LIKE ? ESCAPE '\\')
					ORDER BY %s %s, m.name LIMIT ? OFFSET ?""".formatted(sizeExpr, master(db.get()), types(q.kind()),
					sortExpr, q.descending() ? "DESC" : "ASC");
			String like = likeContains(q.q());
			List<Object> params = new ArrayList<>();
			if (dbstat) {
				params.add(db.get());
			}
			params.addAll(List.of(db.get()));
			params.add(like);
			params.add(like);
			params.add(q.size());
			params.add((long) q.page() * q.size());
			long[] total = { -1 };
			List<ObjectSummary> items = query(c, t, sql, rs -> {
				total[0] = rs.getLong("total");
				ObjectKind kind = kindOf(rs.getString("type"));
				Object hasPk = rs.getObject("has_pk");
				return new ObjectSummary(rs.getString("name"), db.get(), kind, null, getLong(rs, "size"), null, null,
						kind == ObjectKind.TRIGGER ? rs.getString("tbl_name") : null,
						hasPk == null ? null : ((Number) hasPk).intValue() != 0);
			}, params.toArray());
			if (total[0] < 0) {
				total[0] = queryOne(c, t, "SELECT count(*) FROM " + master(db.get()) + " m WHERE m.type IN ("
						+ types(q.kind()) + ") AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND (? IS NULL OR m.name "
						+ "LIKE ? ESCAPE '\\')", rs -> rs.getLong(1), like, like).orElse(0L);
			}
			return new ObjectPage(items, total[0]);
		});
	}

	private static boolean hasDbstat(Connection c, Duration t, String db) {
		try {
			queryOne(c, t, "SELECT 1 FROM dbstat(?) LIMIT 1", rs -> 1, db);
			return true;
		}
		catch (SQLException e) {
			return false;
		}
	}

	private record Master(String name, String type, String table, @Nullable String sql) {
	}

	private static Optional<Master> find(Connection c, Duration t, String db, String name, @Nullable ObjectKind kind)
			throws SQLException {
		return queryOne(c, t, "SELECT name, type, tbl_name, sql FROM " + master(db) + " WHERE name = ? AND type IN ("
				+ (kind == null ? "'table','view','trigger'" : types(kind)) + ")",
				rs -> new Master(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), name);
	}

	@Override
	public Optional<ObjectDetail> object(CatalogTarget target, ObjectRef ref) {
		Duration t = target.statementTimeout();
		return withConnection(target.pool(), c -> {
			Optional<String> db = database(c, t, ref.schema());
			if (db.isEmpty()) {
				return Optional.empty();
			}
			Optional<Master> found = find(c, t, db.get(), ref.name(), ref.kind());
			if (found.isEmpty()) {
				return Optional.empty();
			}
			Master m = found.get();
			if (m.type().equals("trigger")) {
				ObjectSummary s = new ObjectSummary(m.name(), db.get(), ObjectKind.TRIGGER, null, null, null, null,
						m.table(), null);
				return Optional.of(new ObjectDetail(s, List.of(), List.of(), List.of(), List.of(), List.of(),
						List.of(trigger(m.name(), m.sql())), TableStats.none(), m.sql(), List.of(),
						Map.of("table", m.table())));
			}
			return Optional.of(tableDetail(c, t, db.get(), m));
		});
	}

	private ObjectDetail tableDetail(Connection c, Duration t, String db, Master m) throws SQLException {
		ObjectKind kind = kindOf(m.type());
		List<ColumnInfo> columns = query(c, t, """
				SELECT cid, name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?, ?) ORDER BY cid""",
				rs -> {
					int hidden = rs.getInt("hidden");
					boolean generated = hidden == 2 || hidden == 3;
					String declared = rs.getString("type");
					return new ColumnInfo(rs.getInt("cid") + 1, rs.getString("name"),
							declared == null || declared.isEmpty() ? "(" + affinity(declared) + ")" : declared,
							rs.getInt("notnull") == 0 && rs.getInt("pk") == 0, generated ? null : rs.getString("dflt_value"),
							null, generated ? (hidden == 2 ? "VIRTUAL" : "STORED") : null, null,
							"affinity " + affinity(declared), rs.getInt("pk") > 0, false, false, false, null, null);
				}, m.name(), db);
		// SQLite keeps no column comments; the comment slot carries the type affinity instead
		List<String> pkColumns = new ArrayList<>();
		query(c, t, "SELECT name FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk", rs -> pkColumns.add(rs.getString(1)),
				m.name(), db);

		Map<Integer, ForeignKeyInfo> fkById = new LinkedHashMap<>();
		query(c, t, """
				SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?, ?)
				ORDER BY id, seq""", rs -> {
			ForeignKeyInfo fk = fkById.computeIfAbsent(rs.getInt(1), id -> {
				try {
					return new ForeignKeyInfo("fk_" + m.name() + "_" + id, db, m.name(), new ArrayList<>(), db,
							rs.getString(3), new ArrayList<>(), rs.getString(7), rs.getString(6));
				}
				catch (SQLException e) {
					throw new IllegalStateException(e);
				}
			});
			fk.columns().add(rs.getString(4));
			// a missing "to" means the referenced table's primary key
			fk.referencedColumns().add(rs.getString(5) == null ? "(primary key)" : rs.getString(5));
			return Boolean.TRUE;
		}, m.name(), db);
		List<ForeignKeyInfo> fks = List.copyOf(fkById.values());

		Map<String, ForeignKeyInfo> incoming = new LinkedHashMap<>();
		query(c, t, "SELECT t.name AS tname, f.id, f.seq, f.\"from\", f.\"to\", f.on_update, f.on_delete FROM "
				+ master(db) + " t, pragma_foreign_key_list(t.name, ?) f WHERE t.type = 'table' AND f.\"table\" = ? "
				+ "COLLATE NOCASE ORDER BY t.name, f.id, f.seq", rs -> {
			String key = rs.getString(1) + "\0" + rs.getInt(2);
			ForeignKeyInfo fk = incoming.computeIfAbsent(key, k -> {
				try {
					return new ForeignKeyInfo("fk_" + rs.getString(1) + "_" + rs.getInt(2), db, rs.getString(1),
							new ArrayList<>(), db, m.name(), new ArrayList<>(), rs.getString(7), rs.getString(6));
				}
				catch (SQLException e) {
					throw new IllegalStateException(e);
				}
			});
			fk.columns().add(rs.getString(4));
			fk.referencedColumns().add(rs.getString(5) == null ? "(primary key)" : rs.getString(5));
			return Boolean.TRUE;
		}, db, m.name());

		boolean dbstat = hasDbstat(c, t, db);
		List<IndexInfo> indexes = new ArrayList<>();
		record Idx(String name, boolean unique, String origin, boolean partial) {
		}
		List<Idx> idx = query(c, t, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?, ?) ORDER BY name",
				rs -> new Idx(rs.getString(1), rs.getInt(2) != 0, rs.getString(3), rs.getInt(4) != 0), m.name(), db);
		for (Idx i : idx) {
			List<String> cols = query(c, t, "SELECT coalesce(name, '<expression>') FROM pragma_index_info(?, ?) ORDER BY seqno",
					rs -> rs.getString(1), i.name(), db);
			String sql = queryOne(c, t, "SELECT sql FROM " + master(db) + " WHERE type = 'index' AND name = ?",
					rs -> rs.getString(1), i.name()).orElse(null);
			Long size = dbstat ? queryOne(c, t, "SELECT sum(pgsize) AS s FROM dbstat(?) WHERE name = ?", rs -> getLong(rs, "s"),
					db, i.name()).orElse(null) : null;
			String predicate = i.partial() && sql != null && sql.toUpperCase(Locale.ROOT).contains(" WHERE ")
					? sql.substring(sql.toUpperCase(Locale.ROOT).lastIndexOf(" WHERE ") + 7) : null;
			indexes.add(new IndexInfo(i.name(), cols, i.unique(), i.origin().equals("pk"), "btree", predicate, sql, size));
		}

		List<TriggerInfo> triggers = query(c, t, "SELECT name, sql FROM " + master(db)
				+ " WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", rs -> trigger(rs.getString(1), rs.getString(2)),
				m.name());

		List<ConstraintInfo> constraints = new ArrayList<>();
		if (!pkColumns.isEmpty()) {
			constraints.add(new ConstraintInfo("primary key", ConstraintType.PRIMARY_KEY, pkColumns, null));
		}
		idx.stream().filter(i -> i.origin().equals("u")).forEach(i -> {
			try {
				constraints.add(new ConstraintInfo(i.name(), ConstraintType.UNIQUE, query(c, t,
						"SELECT name FROM pragma_index_info(?, ?) ORDER BY seqno", rs -> rs.getString(1), i.name(), db),
						null));
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		});

		Long size = dbstat && kind == ObjectKind.TABLE ? queryOne(c, t,
				"SELECT sum(pgsize) AS s FROM dbstat(?) WHERE name = ?", rs -> getLong(rs, "s"), db, m.name())
			.orElse(null) : null;
		Long indexBytes = indexes.stream().map(IndexInfo::sizeBytes).filter(java.util.Objects::nonNull)
			.reduce(Long::sum).orElse(null);
		Map<String, String> props = new LinkedHashMap<>();
		if (m.sql() != null && m.sql().toUpperCase(Locale.ROOT).contains("WITHOUT ROWID")) {
			props.put("withoutRowid", "true");
		}
		if (m.sql() != null && m.sql().toUpperCase(Locale.ROOT).startsWith("CREATE VIRTUAL")) {
			props.put("virtual", "true");
		}
		TableStats stats = new TableStats(null, size == null ? null : size + (indexBytes == null ? 0 : indexBytes), size,
				indexBytes, null, null, null, null, null, Map.of());
		ObjectSummary summary = new ObjectSummary(m.name(), db, kind, null, stats.totalBytes(), null, null, null,
				kind == ObjectKind.TABLE ? !pkColumns.isEmpty() : null);
		Set<String> fkCols = new HashSet<>();
		fks.forEach(f -> fkCols.addAll(f.columns()));
		Set<String> uniqueCols = new HashSet<>();
		Set<String> indexedCols = new HashSet<>();
		indexes.forEach(i -> {
			indexedCols.addAll(i.columns());
			if (i.unique() && i.columns().size() == 1) {
				uniqueCols.addAll(i.columns());
			}
		});
		List<ColumnInfo> flagged = columns.stream().map(col -> new ColumnInfo(col.position(), col.name(),
				col.dataType(), col.nullable(), col.defaultValue(), col.identity(), col.generated(), col.collation(),
				col.comment(), col.primaryKey(), fkCols.contains(col.name()), uniqueCols.contains(col.name()),
				indexedCols.contains(col.name()) || col.primaryKey(), null, null)).toList();
		return new ObjectDetail(summary, flagged, constraints, fks, List.copyOf(incoming.values()), indexes, triggers,
				stats, kind == ObjectKind.VIEW ? m.sql() : null, List.of(), props);
	}

	/** SQLite's type affinity rules (section 3.1 of its datatype documentation). */
	static String affinity(@Nullable String declared) {
		String t = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
		if (t.contains("INT")) {
			return "INTEGER";
		}
		if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
			return "TEXT";
		}
		if (t.isEmpty() || t.contains("BLOB")) {
			return "BLOB";
		}
		if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
			return "REAL";
		}
		return "NUMERIC";
	}

	private static TriggerInfo trigger(String name, @Nullable String sql) {
		String upper = sql == null ? "" : sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
		String timing = upper.contains(" INSTEAD OF ") ? "INSTEAD OF" : upper.contains(" BEFORE ") ? "BEFORE" : "AFTER";
		List<String> events = new ArrayList<>();
		for (String e : List.of("INSERT", "UPDATE", "DELETE")) {
			if (upper.matches(".*\\b(BEFORE|AFTER|INSTEAD OF)? ?" + e + "\\b.* ON .*")) {
				events.add(e);
				break;
			}
		}
		return new TriggerInfo(name, timing, events, sql, "ROW", true);
	}

	@Override
	public Optional<String> ddl(CatalogTarget target, ObjectRef ref) {
		Duration t = target.statementTimeout();
		return withConnection(target.pool(), c -> {
			Optional<String> db = database(c, t, ref.schema());
			if (db.isEmpty()) {
				return Optional.empty();
			}
			Optional<Master> m = find(c, t, db.get(), ref.name(), ref.kind());
			if (m.isEmpty()) {
				return Optional.empty();
			}
			StringBuilder ddl = new StringBuilder(String.valueOf(m.get().sql())).append(";\n");
			if (m.get().type().equals("table")) {
				// like pg_dump -t: the table's indexes and triggers come with it
				query(c, t, "SELECT sql FROM " + master(db.get()) + " WHERE tbl_name = ? AND type IN ('index','trigger') "
						+ "AND sql IS NOT NULL ORDER BY type, name", rs -> ddl.append('\n').append(rs.getString(1)).append(";\n"),
						m.get().name());
			}
			return Optional.of(ddl.toString());
		});
	}

	@Override
	public Optional<Long> exactCount(CatalogTarget target, ObjectRef ref, Duration timeout) {
		Duration t = target.statementTimeout();
		return withConnection(target.pool(), c -> {
			Optional<String> db = database(c, t, ref.schema());
			if (db.isEmpty()) {
				return Optional.empty();
			}
			Optional<Master> m = find(c, t, db.get(), ref.name(), null).filter(x -> !x.type().equals("trigger"));
			if (m.isEmpty()) {
				return Optional.empty();
			}
			return queryOne(c, timeout, "SELECT count(*) FROM " + quoteDouble(db.get()) + "." + quoteDouble(m.get().name()),
					rs -> rs.getLong(1));
		});
	}

	@Override
	public List<SnapshotObject> snapshot(CatalogTarget target) {
		Duration t = target.statementTimeout().multipliedBy(4);
		return withConnection(target.pool(), c -> {
			List<SnapshotObject> out = new ArrayList<>();
			for (String db : query(c, t, "SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq",
					rs -> rs.getString(1))) {
				Map<String, List<SnapshotColumn>> columns = new LinkedHashMap<>();
				Map<String, String> types = new LinkedHashMap<>();
				query(c, t, "SELECT m.name, m.type, x.name, x.cid, x.type, x.\"notnull\", x.pk FROM " + master(db)
						+ " m, pragma_table_xinfo(m.name, ?) x WHERE m.type IN ('table','view') AND m.name NOT LIKE "
						+ "'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, x.cid", rs -> {
					types.put(rs.getString(1), rs.getString(2));
					return columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
						.add(new SnapshotColumn(rs.getString(3), rs.getInt(4) + 1, String.valueOf(rs.getString(5)),
								rs.getInt(6) == 0 && rs.getInt(7) == 0, rs.getInt(7) > 0));
				}, db);
				Map<String, Map<Integer, SnapshotKey>> fks = new LinkedHashMap<>();
				query(c, t, "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\" FROM " + master(db)
						+ " m, pragma_foreign_key_list(m.name, ?) f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
						rs -> {
							SnapshotKey key = fks.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
								.computeIfAbsent(rs.getInt(2), id -> {
									try {
										return new SnapshotKey("fk_" + rs.getString(1) + "_" + id, "FOREIGN_KEY",
												new ArrayList<>(), db, rs.getString(3), new ArrayList<>());
									}
									catch (SQLException e) {
										throw new IllegalStateException(e);
									}
								});
							key.columns().add(rs.getString(4));
							key.referencedColumns().add(String.valueOf(rs.getString(5)));
							return Boolean.TRUE;
						}, db);
				types.forEach((name, type) -> {
					List<SnapshotColumn> cols = columns.getOrDefault(name, List.of());
					List<SnapshotKey> keys = new ArrayList<>();
					List<String> pk = cols.stream().filter(SnapshotColumn::primaryKey).map(SnapshotColumn::name).toList();
					if (!pk.isEmpty()) {
						keys.add(new SnapshotKey("primary key", "PRIMARY_KEY", pk, null, null, List.of()));
					}
					fks.getOrDefault(name, Map.of()).values().forEach(k -> keys.add(new SnapshotKey(k.name(), k.type(),
							List.copyOf(k.columns()), k.referencedSchema(), k.referencedTable(),
							List.copyOf(k.referencedColumns()))));
					out.add(new SnapshotObject(db, db, name, kindOf(type), null, null, List.copyOf(cols), keys));
				});
			}
			return out;
		});
	}

	@SuppressWarnings("unused")
	private static List<SnapshotKey> none() {
		return List.of();
	}
}
