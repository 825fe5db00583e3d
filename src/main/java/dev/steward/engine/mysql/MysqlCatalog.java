package dev.steward.engine.mysql;

import static dev.steward.engine.support.CatalogJdbc.blankToNull;
import static dev.steward.engine.support.CatalogJdbc.getLong;
import static dev.steward.engine.support.CatalogJdbc.likeContains;
import static dev.steward.engine.support.CatalogJdbc.query;
import static dev.steward.engine.support.CatalogJdbc.queryOne;
import static dev.steward.engine.support.CatalogJdbc.quoteBacktick;
import static dev.steward.engine.support.CatalogJdbc.withConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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
 * MySQL and MariaDB from {@code information_schema}. A database is a schema here, so each database has one
 * schema of the same name. Name-sorted pages read names first (which the server answers without opening
 * tables) and fetch row estimates and sizes only for the page.
 */
@Component
class MysqlCatalog implements CatalogIntrospector {

	static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema", "sys");

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public List<DatabaseInfo> databases(CatalogTarget target) {
		String own = target.spec().database();
		return withConnection(target.pool(), c -> query(c, target.statementTimeout(), """
				SELECT SCHEMA_NAME FROM information_schema.SCHEMATA
				ORDER BY SCHEMA_NAME IN ('information_schema','mysql','performance_schema','sys'), SCHEMA_NAME""",
				rs -> new DatabaseInfo(rs.getString(1), null, rs.getString(1).equals(own), null)));
	}

	@Override
	public List<SchemaInfo> schemas(CatalogTarget target, String database) {
		return withConnection(target.pool(), c -> {
			Duration t = target.statementTimeout();
			if (queryOne(c, t, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", rs -> 1, database)
				.isEmpty()) {
				return List.of();
			}
			Map<String, Long> counts = new LinkedHashMap<>();
			query(c, t, """
					SELECT CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' WHEN 'SYSTEM VIEW' THEN 'view'
					       WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END AS k, count(*)
					FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? GROUP BY k
					UNION ALL SELECT lower(ROUTINE_TYPE), count(*) FROM information_schema.ROUTINES
					WHERE ROUTINE_SCHEMA = ? GROUP BY ROUTINE_TYPE
					UNION ALL SELECT 'trigger', count(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?
					UNION ALL SELECT 'event', count(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?""",
					rs -> counts.merge(rs.getString(1), rs.getLong(2), Long::sum), database, database, database,
					database);
			counts.values().removeIf(n -> n == 0);
			return List.of(new SchemaInfo(database, null, null, counts));
		});
	}

	private static String tableTypes(@Nullable ObjectKind kind) {
		if (kind == null) {
			return "'BASE TABLE','VIEW','SYSTEM VIEW'";
		}
		return switch (kind) {
			case TABLE -> "'BASE TABLE'";
			case VIEW -> "'VIEW','SYSTEM VIEW'";
			case SEQUENCE -> "'SEQUENCE'";
			default -> "'-'";
		};
	}

	private static ObjectKind kindOf(String tableType) {
		return switch (tableType) {
			case "VIEW", "SYSTEM VIEW" -> ObjectKind.VIEW;
			case "SEQUENCE" -> ObjectKind.SEQUENCE;
			default -> ObjectKind.TABLE;
		};
	}

	@Override
	public ObjectPage objects(CatalogTarget target, ObjectQuery q) {
		Duration t = target.statementTimeout();
		String db = q.schema();
		String like = likeContains(q.q());
		String dir = q.descending() ? "DESC" : "ASC";
		long offset = (long) q.page() * q.size();
		ObjectKind kind = q.kind();
		return withConnection(target.pool(), c -> {
			if (kind == null || kind == ObjectKind.TABLE || kind == ObjectKind.VIEW || kind == ObjectKind.SEQUENCE) {
				return tables(c, t, q, like);
			}
			String sql;
			switch (kind) {
				case FUNCTION, PROCEDURE -> sql = """
						SELECT ROUTINE_NAME AS name, count(*) OVER () AS total, ROUTINE_COMMENT AS comment,
						       concat_ws(' ', DTD_IDENTIFIER, lower(ROUTINE_BODY)) AS info, NULL AS parent
						FROM information_schema.ROUTINES
						WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE = '%s' AND (? IS NULL OR ROUTINE_NAME LIKE ?)
						ORDER BY ROUTINE_NAME %s LIMIT ? OFFSET ?""".formatted(kind == ObjectKind.FUNCTION ? "FUNCTION"
						: "PROCEDURE", dir);
				case TRIGGER -> sql = """
						SELECT TRIGGER_NAME AS name, count(*) OVER () AS total, NULL AS comment,
						       concat(ACTION_TIMING, ' ', EVENT_MANIPULATION) AS info, EVENT_OBJECT_TABLE AS parent
						FROM information_schema.TRIGGERS
						WHERE TRIGGER_SCHEMA = ? AND (? IS NULL OR TRIGGER_NAME LIKE ?)
						ORDER BY TRIGGER_NAME %s LIMIT ? OFFSET ?""".formatted(dir);
				case EVENT -> sql = """
						SELECT EVENT_NAME AS name, count(*) OVER () AS total, EVENT_COMMENT AS comment,
						       concat_ws(' ', EVENT_TYPE, INTERVAL_VALUE, INTERVAL_FIELD, STATUS) AS info, NULL AS parent
						FROM information_schema.EVENTS
						WHERE EVENT_SCHEMA = ? AND (? IS NULL OR EVENT_NAME LIKE ?)
						ORDER BY EVENT_NAME %s LIMIT ? OFFSET ?""".formatted(dir);
				default -> {
					return new ObjectPage(List.of(), 0);
				}
			}
			long[] total = { 0 };
			List<ObjectSummary> items = query(c, t, sql, rs -> {
				total[0] = rs.getLong("total");
				return new ObjectSummary(rs.getString("name"), db, kind, null, null, blankToNull(rs.getString("comment")),
						rs.getString("info"), rs.getString("parent"), null);
			}, db, like, like, q.size(), offset);
			if (items.isEmpty() && q.page() > 0) {
				total[0] = objects(target, new ObjectQuery(q.database(), q.schema(), kind, q.q(), 0, 1, q.sort(),
						q.descending())).totalElements();
			}
			return new ObjectPage(items, total[0]);
		});
	}

	private record TableRow(String name, String type, @Nullable Long rows, @Nullable Long dataLength,
			@Nullable Long indexLength, @Nullable String comment, @Nullable String engine, @Nullable String collation) {

		@Nullable
		Long size() {
			return dataLength == null ? null : dataLength + (indexLength == null ? 0 : indexLength);
		}
	}

	private static final String TABLE_COLUMNS = "TABLE_NAME, TABLE_TYPE, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH, "
			+ "TABLE_COMMENT, ENGINE, TABLE_COLLATION";

	private static TableRow tableRow(java.sql.ResultSet rs) throws SQLException {
		String type = rs.getString("TABLE_TYPE");
		boolean view = type.contains("VIEW");
		return new TableRow(rs.getString("TABLE_NAME"), type, view ? null : getLong(rs, "TABLE_ROWS"),
				getLong(rs, "DATA_LENGTH"), getLong(rs, "INDEX_LENGTH"),
				view ? null : blankToNull(rs.getString("TABLE_COMMENT")), rs.getString("ENGINE"),
				rs.getString("TABLE_COLLATION"));
	}

	private ObjectPage tables(Connection c, Duration t, ObjectQuery q, @Nullable String like) throws SQLException {
		String db = q.schema();
		String dir = q.descending() ? "DESC" : "ASC";
		String types = tableTypes(q.kind());
		long offset = (long) q.page() * q.size();
		long[] total = { -1 };
		List<TableRow> rows;
		if (q.sort() == dev.steward.engine.CatalogModel.SortKey.NAME) {
			// names only: the server need not open every table for this
			List<String> names = query(c, t, """
					SELECT TABLE_NAME, count(*) OVER () AS total FROM information_schema.TABLES
					WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN (%s) AND (? IS NULL OR TABLE_NAME LIKE ?)
					ORDER BY TABLE_NAME %s LIMIT ? OFFSET ?""".formatted(types, dir), rs -> {
				total[0] = rs.getLong(2);
				return rs.getString(1);
			}, db, like, like, q.size(), offset);
			Map<String, TableRow> byName = new HashMap<>();
			if (!names.isEmpty()) {
				List<Object> params = new ArrayList<>();
				params.add(db);
				params.addAll(names);
				query(c, t, "SELECT " + TABLE_COLUMNS + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
						+ "AND TABLE_NAME IN (" + placeholders(names.size()) + ")", rs -> {
					TableRow r = tableRow(rs);
					byName.put(r.name(), r);
					return r;
				}, params.toArray());
			}
			rows = names.stream().map(byName::get).filter(java.util.Objects::nonNull).toList();
		}
		else {
			String sortExpr = q.sort() == dev.steward.engine.CatalogModel.SortKey.ROWS ? "TABLE_ROWS"
					: "DATA_LENGTH + INDEX_LENGTH";
			rows = query(c, t, """
					SELECT %s, count(*) OVER () AS total FROM information_schema.TABLES
					WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN (%s) AND (? IS NULL OR TABLE_NAME LIKE ?)
					ORDER BY %s %s, TABLE_NAME LIMIT ? OFFSET ?""".formatted(TABLE_COLUMNS, types, sortExpr, dir), rs -> {
				total[0] = rs.getLong("total");
				return tableRow(rs);
			}, db, like, like, q.size(), offset);
		}
		if (total[0] < 0) {
			total[0] = queryOne(c, t, """
					SELECT count(*) FROM information_schema.TABLES
					WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN (%s) AND (? IS NULL OR TABLE_NAME LIKE ?)""".formatted(types),
					rs -> rs.getLong(1), db, like, like).orElse(0L);
		}
		Set<String> withPk = new HashSet<>();
		if (!rows.isEmpty()) {
			List<Object> params = new ArrayList<>();
			params.add(db);
			rows.forEach(r -> params.add(r.name()));
			query(c, t, "SELECT TABLE_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? "
					+ "AND CONSTRAINT_TYPE = 'PRIMARY KEY' AND TABLE_NAME IN (" + placeholders(rows.size()) + ")",
					rs -> withPk.add(rs.getString(1)), params.toArray());
		}
		List<ObjectSummary> items = rows.stream().map(r -> {
			ObjectKind kind = kindOf(r.type());
			return new ObjectSummary(r.name(), db, kind, r.rows(), kind == ObjectKind.VIEW ? null : r.size(),
					r.comment(), r.engine(), null, kind == ObjectKind.TABLE ? withPk.contains(r.name()) : null);
		}).toList();
		return new ObjectPage(items, total[0]);
	}

	private static String placeholders(int n) {
		return String.join(",", Collections.nCopies(n, "?"));
	}

	@Override
	public Optional<ObjectDetail> object(CatalogTarget target, ObjectRef ref) {
		Duration t = target.statementTimeout();
		String db = ref.schema();
		ObjectKind kind = ref.kind();
		return withConnection(target.pool(), c -> {
			if (kind == null || kind == ObjectKind.TABLE || kind == ObjectKind.VIEW || kind == ObjectKind.SEQUENCE) {
				Optional<TableRow> row = queryOne(c, t, "SELECT " + TABLE_COLUMNS + ", AUTO_INCREMENT, CREATE_TIME, "
						+ "UPDATE_TIME, ROW_FORMAT, DATA_FREE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
						+ "AND TABLE_NAME = BINARY ?", MysqlCatalog::tableRow, db, ref.name());
				if (row.isPresent()) {
					return Optional.of(tableDetail(c, t, db, row.get()));
				}
				if (kind != null) {
					return Optional.empty();
				}
			}
			if (kind == null || kind == ObjectKind.FUNCTION || kind == ObjectKind.PROCEDURE) {
				Optional<ObjectDetail> routine = queryOne(c, t, """
						SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY, ROUTINE_DEFINITION,
						       IS_DETERMINISTIC, SECURITY_TYPE, DEFINER, ROUTINE_COMMENT
						FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? AND ROUTINE_NAME = ?
						ORDER BY ROUTINE_TYPE""", rs -> {
					ObjectKind k = "PROCEDURE".equals(rs.getString("ROUTINE_TYPE")) ? ObjectKind.PROCEDURE
							: ObjectKind.FUNCTION;
					Map<String, String> props = new LinkedHashMap<>();
					putIf(props, "returns", rs.getString("DTD_IDENTIFIER"));
					props.put("language", rs.getString("ROUTINE_BODY"));
					props.put("deterministic", rs.getString("IS_DETERMINISTIC"));
					props.put("security", rs.getString("SECURITY_TYPE"));
					props.put("definer", rs.getString("DEFINER"));
					ObjectSummary s = new ObjectSummary(rs.getString(1), db, k, null, null,
							blankToNull(rs.getString("ROUTINE_COMMENT")), rs.getString("DTD_IDENTIFIER"), null, null);
					String body = rs.getString("ROUTINE_DEFINITION");
					if (body == null) {
						props.put("body", "hidden");
					}
					return detailOf(s, body == null ? hiddenBody(k, rs.getString(1), rs.getString("DEFINER")) : body,
							props, List.of());
				}, db, ref.name()).filter(d -> kind == null || d.summary().kind() == kind);
				if (routine.isPresent() || kind != null) {
					return routine;
				}
			}
			if (kind == null || kind == ObjectKind.TRIGGER) {
				Optional<ObjectDetail> trigger = queryOne(c, t, """
						SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT,
						       ACTION_ORIENTATION, DEFINER
						FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? AND TRIGGER_NAME = ?
						  AND (? IS NULL OR EVENT_OBJECT_TABLE = ?)""", rs -> {
					TriggerInfo info = new TriggerInfo(rs.getString(1), rs.getString("ACTION_TIMING"),
							List.of(rs.getString("EVENT_MANIPULATION")), rs.getString("ACTION_STATEMENT"),
							rs.getString("ACTION_ORIENTATION"), true);
					ObjectSummary s = new ObjectSummary(rs.getString(1), db, ObjectKind.TRIGGER, null, null, null,
							info.timing() + " " + info.events().get(0), rs.getString("EVENT_OBJECT_TABLE"), null);
					return detailOf(s, rs.getString("ACTION_STATEMENT"), Map.of("table", rs.getString(2), "definer",
							rs.getString("DEFINER")), List.of(info));
				}, db, ref.name(), ref.parent(), ref.parent());
				if (trigger.isPresent() || kind != null) {
					return trigger;
				}
			}
			return queryOne(c, t, """
					SELECT EVENT_NAME, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, STATUS, EVENT_DEFINITION,
					       EVENT_COMMENT, LAST_EXECUTED
					FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? AND EVENT_NAME = ?""", rs -> {
				Map<String, String> props = new LinkedHashMap<>();
				props.put("type", rs.getString("EVENT_TYPE"));
				putIf(props, "executeAt", rs.getString("EXECUTE_AT"));
				putIf(props, "every", rs.getString("INTERVAL_VALUE") == null ? null
						: rs.getString("INTERVAL_VALUE") + " " + rs.getString("INTERVAL_FIELD"));
				props.put("status", rs.getString("STATUS"));
				putIf(props, "lastExecuted", rs.getString("LAST_EXECUTED"));
				ObjectSummary s = new ObjectSummary(rs.getString(1), db, ObjectKind.EVENT, null, null,
						blankToNull(rs.getString("EVENT_COMMENT")), rs.getString("STATUS"), null, null);
				return detailOf(s, rs.getString("EVENT_DEFINITION"), props, List.of());
			}, db, ref.name());
		});
	}

	private static ObjectDetail detailOf(ObjectSummary s, @Nullable String definition, Map<String, String> props,
			List<TriggerInfo> triggers) {
		return new ObjectDetail(s, List.of(), List.of(), List.of(), List.of(), List.of(), triggers, TableStats.none(),
				definition, List.of(), props);
	}

	private ObjectDetail tableDetail(Connection c, Duration t, String db, TableRow row) throws SQLException {
		String table = row.name();
		ObjectKind kind = kindOf(row.type());
		List<ColumnInfo> columns = query(c, t, """
				SELECT ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
				       GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT, COLUMN_KEY
				FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION""",
				rs -> {
					String extra = String.valueOf(rs.getString("EXTRA")).toLowerCase(java.util.Locale.ROOT);
					String def = rs.getString("COLUMN_DEFAULT");
					return new ColumnInfo(rs.getInt(1), rs.getString(2), rs.getString(3),
							"YES".equals(rs.getString(4)), "NULL".equals(def) ? null : def,
							extra.contains("auto_increment") ? "AUTO_INCREMENT" : null,
							blankToNull(rs.getString("GENERATION_EXPRESSION")), rs.getString("COLLATION_NAME"),
							blankToNull(rs.getString("COLUMN_COMMENT")), "PRI".equals(rs.getString("COLUMN_KEY")), false,
							"UNI".equals(rs.getString("COLUMN_KEY")), false, null, null);
				}, db, table);

		Map<String, ConstraintType> constraintTypes = new LinkedHashMap<>();
		Map<String, List<String>> constraintColumns = new LinkedHashMap<>();
		Map<String, String[]> fkTargets = new LinkedHashMap<>();
		Map<String, List<String>> fkRefColumns = new LinkedHashMap<>();
		query(c, t, """
				SELECT tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA,
				       k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME
				FROM information_schema.TABLE_CONSTRAINTS tc
				LEFT JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
				  AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
				WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ?
				ORDER BY tc.CONSTRAINT_TYPE = 'PRIMARY KEY' DESC, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION""", rs -> {
			String name = rs.getString(1);
			String type = rs.getString(2);
			if (type.equals("FOREIGN KEY")) {
				fkTargets.putIfAbsent(name, new String[] { rs.getString(4), rs.getString(5) });
				fkRefColumns.computeIfAbsent(name, k -> new ArrayList<>()).add(rs.getString(6));
			}
			else {
				constraintTypes.put(name, switch (type) {
					case "PRIMARY KEY" -> ConstraintType.PRIMARY_KEY;
					case "UNIQUE" -> ConstraintType.UNIQUE;
					default -> ConstraintType.CHECK;
				});
			}
			if (rs.getString(3) != null) {
				constraintColumns.computeIfAbsent(name, k -> new ArrayList<>()).add(rs.getString(3));
			}
			return Boolean.TRUE;
		}, db, table);
		Map<String, String> checks = new HashMap<>();
		try {
			query(c, t, "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
					+ "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?", rs -> checks.put(rs.getString(1), rs.getString(2)),
					db, table);
		}
		catch (SQLException e) {
			// MySQL 8 has no TABLE_NAME there and older servers no such view: checks then show without a clause
		}
		List<ConstraintInfo> constraints = new ArrayList<>();
		constraintTypes.forEach((name, type) -> constraints.add(new ConstraintInfo(name, type,
				List.copyOf(constraintColumns.getOrDefault(name, List.of())),
				type == ConstraintType.CHECK ? checks.get(name) : null)));

		Map<String, String[]> rules = new HashMap<>();
		query(c, t, """
				SELECT CONSTRAINT_NAME, TABLE_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS
				WHERE CONSTRAINT_SCHEMA = ? AND (TABLE_NAME = ? OR REFERENCED_TABLE_NAME = ?)""",
				rs -> rules.put(rs.getString(2) + "\0" + rs.getString(1), new String[] { rs.getString(3), rs.getString(4) }),
				db, table, table);
		List<ForeignKeyInfo> fks = new ArrayList<>();
		fkTargets.forEach((name, target) -> {
			String[] rule = rules.getOrDefault(table + "\0" + name, new String[] { "NO ACTION", "NO ACTION" });
			fks.add(new ForeignKeyInfo(name, db, table, List.copyOf(constraintColumns.getOrDefault(name, List.of())),
					target[0], target[1], List.copyOf(fkRefColumns.get(name)), rule[0], rule[1]));
		});

		Map<String, ForeignKeyInfo> incoming = new LinkedHashMap<>();
		query(c, t, """
				SELECT k.CONSTRAINT_NAME, k.TABLE_SCHEMA, k.TABLE_NAME, k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME
				FROM information_schema.KEY_COLUMN_USAGE k
				WHERE k.REFERENCED_TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME = ?
				ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION""", rs -> {
			String key = rs.getString(2) + "\0" + rs.getString(3) + "\0" + rs.getString(1);
			String[] rule = rules.getOrDefault(rs.getString(3) + "\0" + rs.getString(1),
					new String[] { "NO ACTION", "NO ACTION" });
			ForeignKeyInfo fk = incoming.computeIfAbsent(key, k -> {
				try {
					return new ForeignKeyInfo(rs.getString(1), rs.getString(2), rs.getString(3), new ArrayList<>(), db,
							table, new ArrayList<>(), rule[0], rule[1]);
				}
				catch (SQLException e) {
					throw new IllegalStateException(e);
				}
			});
			fk.columns().add(rs.getString(4));
			fk.referencedColumns().add(rs.getString(5));
			return Boolean.TRUE;
		}, db, table);

		Map<String, List<String>> indexColumns = new LinkedHashMap<>();
		Map<String, Object[]> indexMeta = new LinkedHashMap<>();
		query(c, t, """
				SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, INDEX_COMMENT
				FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
				ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX""", rs -> {
			String name = rs.getString(1);
			String col = rs.getString(3) + (rs.getString(4) == null ? "" : "(" + rs.getString(4) + ")");
			indexColumns.computeIfAbsent(name, k -> new ArrayList<>()).add(col);
			indexMeta.putIfAbsent(name, new Object[] { rs.getInt(2) == 0, rs.getString(5) });
			return Boolean.TRUE;
		}, db, table);
		List<IndexInfo> indexes = new ArrayList<>();
		indexColumns.forEach((name, cols) -> indexes.add(new IndexInfo(name, List.copyOf(cols),
				(Boolean) indexMeta.get(name)[0], name.equals("PRIMARY"), (String) indexMeta.get(name)[1], null, null,
				null)));

		List<TriggerInfo> triggers = query(c, t, """
				SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT, ACTION_ORIENTATION
				FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?
				ORDER BY TRIGGER_NAME""", rs -> new TriggerInfo(rs.getString(1), rs.getString(2), List.of(rs.getString(3)),
				rs.getString(4), rs.getString(5), true), db, table);

		String definition = kind == ObjectKind.VIEW ? queryOne(c, t, """
				SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?""",
				rs -> rs.getString(1), db, table).orElse(null) : null;

		Map<String, String> props = new LinkedHashMap<>();
		putIf(props, "engine", row.engine());
		putIf(props, "collation", row.collation());
		Map<String, String> statProps = new LinkedHashMap<>(props);
		if (row.dataLength() != null) {
			statProps.put("dataLength", row.dataLength().toString());
		}
		if (row.indexLength() != null) {
			statProps.put("indexLength", row.indexLength().toString());
		}
		TableStats stats = new TableStats(row.rows(), kind == ObjectKind.VIEW ? null : row.size(), row.dataLength(),
				row.indexLength(), null, null, null, null, null, statProps);
		ObjectSummary summary = new ObjectSummary(table, db, kind, row.rows(), kind == ObjectKind.VIEW ? null
				: row.size(), row.comment(), row.engine(), null,
				kind == ObjectKind.TABLE ? constraintTypes.containsValue(ConstraintType.PRIMARY_KEY) : null);
		return new ObjectDetail(summary, flag(columns, constraints, fks, indexes), constraints, fks,
				List.copyOf(incoming.values()), indexes, triggers, stats, definition, List.of(), props);
	}

	private static List<ColumnInfo> flag(List<ColumnInfo> columns, List<ConstraintInfo> constraints,
			List<ForeignKeyInfo> fks, List<IndexInfo> indexes) {
		Set<String> fk = new HashSet<>();
		fks.forEach(f -> fk.addAll(f.columns()));
		Set<String> pk = new HashSet<>();
		Set<String> unique = new HashSet<>();
		constraints.forEach(k -> (k.type() == ConstraintType.PRIMARY_KEY ? pk
				: k.type() == ConstraintType.UNIQUE ? unique : new HashSet<String>()).addAll(k.columns()));
		Set<String> indexed = new HashSet<>();
		indexes.forEach(i -> indexed.addAll(i.columns()));
		return columns.stream().map(c -> new ColumnInfo(c.position(), c.name(), c.dataType(), c.nullable(),
				c.defaultValue(), c.identity(), c.generated(), c.collation(), c.comment(),
				c.primaryKey() || pk.contains(c.name()), fk.contains(c.name()), c.unique() || unique.contains(c.name()),
				indexed.contains(c.name()), null, null)).toList();
	}

	@Override
	public Optional<String> ddl(CatalogTarget target, ObjectRef ref) {
		Optional<ObjectDetail> detail = object(target, ref);
		if (detail.isEmpty()) {
			return Optional.empty();
		}
		ObjectKind kind = detail.get().summary().kind();
		String what = switch (kind) {
			case VIEW -> "VIEW";
			case FUNCTION -> "FUNCTION";
			case PROCEDURE -> "PROCEDURE";
			case TRIGGER -> "TRIGGER";
			case EVENT -> "EVENT";
			case SEQUENCE -> "SEQUENCE";
			default -> "TABLE";
		};
		int column = switch (kind) {
			case FUNCTION, PROCEDURE, TRIGGER, EVENT -> 3;
			default -> 2;
		};
		// SHOW cannot take bind values: the identifiers are quoted by MySQL's rules
		String sql = "SHOW CREATE " + what + " " + quoteBacktick(ref.schema()) + "." + quoteBacktick(ref.name());
		return withConnection(target.pool(), c -> queryOne(c, target.statementTimeout(), sql, rs -> {
			String create = rs.getString(column);
			if (create == null && (kind == ObjectKind.FUNCTION || kind == ObjectKind.PROCEDURE)) {
				// the server answers NULL, not an error, when the user may see the routine but not its body
				return hiddenBody(kind, ref.name(), detail.get().properties().get("definer"));
			}
			return create + ";";
		}));
	}

	/** What a routine's definition says when the server hides its body from the connection's user. */
	static String hiddenBody(ObjectKind kind, String name, @Nullable String definer) {
		String what = kind == ObjectKind.PROCEDURE ? "procedure" : "function";
		return "-- The body of " + what + " " + quoteBacktick(name) + " is hidden from this connection's user: "
				+ "it is not the definer" + (definer == null ? "" : " (" + definer + ")")
				+ " and lacks the right to read routine bodies\n"
				+ "-- (SHOW CREATE ROUTINE on MariaDB 11.3+, SHOW_ROUTINE on MySQL 8.0.20+, else SELECT on mysql.proc).\n";
	}

	@Override
	public Optional<Long> exactCount(CatalogTarget target, ObjectRef ref, Duration timeout) {
		return withConnection(target.pool(), c -> {
			Optional<String> name = queryOne(c, target.statementTimeout(), """
					SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = BINARY ?
					AND TABLE_TYPE IN ('BASE TABLE','VIEW','SYSTEM VIEW')""", rs -> rs.getString(1), ref.schema(),
					ref.name());
			if (name.isEmpty()) {
				return Optional.empty();
			}
			return queryOne(c, timeout, "SELECT COUNT(*) FROM " + quoteBacktick(ref.schema()) + "."
					+ quoteBacktick(name.get()), rs -> rs.getLong(1));
		});
	}

	@Override
	public List<SnapshotObject> snapshot(CatalogTarget target) {
		Duration t = target.statementTimeout().multipliedBy(4);
		return withConnection(target.pool(), c -> {
			List<String> schemas = target.spec().database() != null ? List.of(target.spec().database())
					: query(c, t, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1", rs -> rs.getString(1))
						.stream().filter(s -> !SYSTEM_SCHEMAS.contains(s)).toList();
			List<SnapshotObject> out = new ArrayList<>();
			for (String db : schemas) {
				out.addAll(snapshotSchema(c, t, db));
			}
			return out;
		});
	}

	/** A database is a schema here: the diagram of one reads that one alone. */
	@Override
	public void schemaSnapshot(CatalogTarget target, String database, String schema, Consumer<SnapshotObject> sink) {
		Duration t = target.statementTimeout().multipliedBy(4);
		withConnection(target.pool(), c -> snapshotSchema(c, t, schema)).forEach(sink);
	}

	private record Obj(String name, ObjectKind kind, @Nullable Long rows, @Nullable String comment,
			List<SnapshotColumn> columns, List<SnapshotKey> keys) {
	}

	private static List<SnapshotObject> snapshotSchema(Connection c, Duration t, String db) throws SQLException {
		Map<String, Obj> objects = new LinkedHashMap<>();
		query(c, t, """
				SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS, TABLE_COMMENT FROM information_schema.TABLES
				WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE','VIEW','SYSTEM VIEW') ORDER BY TABLE_NAME""", rs -> {
			ObjectKind kind = kindOf(rs.getString(2));
			return objects.put(rs.getString(1), new Obj(rs.getString(1), kind,
					kind == ObjectKind.VIEW ? null : getLong(rs, "TABLE_ROWS"),
					kind == ObjectKind.VIEW ? null : blankToNull(rs.getString(4)), new ArrayList<>(), new ArrayList<>()));
		}, db);
		query(c, t, """
				SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY
				FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION""", rs -> {
			Obj o = objects.get(rs.getString(1));
			if (o != null) {
				o.columns().add(new SnapshotColumn(rs.getString(2), rs.getInt(3), rs.getString(4),
						"YES".equals(rs.getString(5)), "PRI".equals(rs.getString(6))));
			}
			return Boolean.TRUE;
		}, db);
		Map<String, SnapshotKey> keys = new LinkedHashMap<>();
		Map<String, String> keyTable = new HashMap<>();
		query(c, t, """
				SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA,
				       k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME
				FROM information_schema.TABLE_CONSTRAINTS tc
				JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA
				  AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
				WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY','UNIQUE','FOREIGN KEY')
				ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION""", rs -> {
			String id = rs.getString(1) + "\0" + rs.getString(2);
			String type = switch (rs.getString(3)) {
				case "PRIMARY KEY" -> "PRIMARY_KEY";
				case "UNIQUE" -> "UNIQUE";
				default -> "FOREIGN_KEY";
			};
			SnapshotKey key = keys.computeIfAbsent(id, k -> {
				try {
					return new SnapshotKey(rs.getString(2), type, new ArrayList<>(), rs.getString(5), rs.getString(6),
							new ArrayList<>());
				}
				catch (SQLException e) {
					throw new IllegalStateException(e);
				}
			});
			keyTable.put(id, rs.getString(1));
			key.columns().add(rs.getString(4));
			if (rs.getString(7) != null) {
				key.referencedColumns().add(rs.getString(7));
			}
			return Boolean.TRUE;
		}, db);
		keys.forEach((id, key) -> {
			Obj o = objects.get(keyTable.get(id));
			if (o != null) {
				o.keys().add(new SnapshotKey(key.name(), key.type(), List.copyOf(key.columns()), key.referencedSchema(),
						key.referencedTable(), List.copyOf(key.referencedColumns())));
			}
		});
		return objects.values().stream().map(o -> new SnapshotObject(db, db, o.name(), o.kind(), o.rows(), o.comment(),
				List.copyOf(o.columns()), List.copyOf(o.keys()))).toList();
	}

	private static void putIf(Map<String, String> map, String key, @Nullable String value) {
		if (value != null) {
			map.put(key, value);
		}
	}
}
