package dev.steward.engine.postgres;

import static dev.steward.engine.support.CatalogJdbc.getLong;
import static dev.steward.engine.support.CatalogJdbc.getStrings;
import static dev.steward.engine.support.CatalogJdbc.getTime;
import static dev.steward.engine.support.CatalogJdbc.likeContains;
import static dev.steward.engine.support.CatalogJdbc.query;
import static dev.steward.engine.support.CatalogJdbc.queryOne;
import static dev.steward.engine.support.CatalogJdbc.quoteDouble;
import static dev.steward.engine.support.CatalogJdbc.withConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
import dev.steward.engine.CatalogModel.SnapshotObject;
import dev.steward.engine.CatalogModel.TableStats;
import dev.steward.engine.CatalogModel.TriggerInfo;
import dev.steward.engine.CatalogTarget;
import dev.steward.engine.CatalogUnavailable;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.TargetHostRefused;
import dev.steward.engine.ToolUnavailable;
import dev.steward.engine.support.CatalogJdbc;

/**
 * PostgreSQL's catalog from {@code pg_catalog} (the {@code information_schema} views are far slower on big
 * schemas). Lists are paged in SQL: a CTE picks the page's oids, and only those rows pay for sizes and
 * descriptions. DDL of relations comes from {@code pg_dump -s -t}.
 */
@Component
class PostgresCatalog implements CatalogIntrospector {

	/** pg_dump output beyond this is cut (a table with thousands of partitions can be large). */
	static final int DDL_LIMIT_BYTES = 4 * 1024 * 1024;

	private static final String SYSTEM_SCHEMA_FILTER = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
			+ "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

	private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE "
			+ "dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e')";

	private static final String RELATION_KINDS = "'r','p','v','m','f','S'";

	/**
	 * A routine's identity beside its name: its call signature's types ({@code proargtypes}: input arguments,
	 * and a procedure's OUT arguments), formatted by the server, compared as a bound value.
	 */
	private static final String SIGNATURE = "oidvectortypes(p.proargtypes)";

	private final PostgresClientTools clients;

	private final TargetAccess access;

	@org.springframework.beans.factory.annotation.Autowired
	PostgresCatalog(PostgresClientTools clients, TargetAccess access) {
		this.clients = clients;
		this.access = access;
	}

	PostgresCatalog(PostgresClientTools clients) {
		this(clients, TargetAccess.defaults());
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public List<DatabaseInfo> databases(CatalogTarget target) {
		String own = ownDatabase(target);
		return withConnection(target.pool(), c -> query(c, target.statementTimeout(), """
				SELECT d.datname,
				       CASE WHEN has_database_privilege(d.oid, 'CONNECT') THEN pg_database_size(d.oid) END AS size,
				       shobj_description(d.oid, 'pg_database') AS comment
				FROM pg_database d
				WHERE NOT d.datistemplate AND d.datallowconn
				ORDER BY d.datname""", rs -> new DatabaseInfo(rs.getString(1), getLong(rs, "size"),
				rs.getString(1).equals(own), rs.getString("comment"))));
	}

	@Override
	public List<SchemaInfo> schemas(CatalogTarget target, String database) {
		return withConnection(target.pool(database), c -> {
			Map<String, Map<String, Long>> counts = new HashMap<>();
			query(c, target.statementTimeout(), """
					SELECT n.nspname, x.kind, count(*) AS n
					FROM (
					  SELECT relnamespace AS ns, CASE relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned_table'
					    WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view' WHEN 'f' THEN 'foreign_table'
					    ELSE 'sequence' END AS kind
					  FROM pg_class WHERE relkind IN ('r','p','v','m','f','S')
					  UNION ALL
					  SELECT p.pronamespace, CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END
					  FROM pg_proc p WHERE %s
					  UNION ALL
					  SELECT typnamespace, CASE typtype WHEN 'e' THEN 'enum' ELSE 'domain' END
					  FROM pg_type WHERE typtype IN ('e','d')
					  UNION ALL
					  SELECT extnamespace, 'extension' FROM pg_extension
					  UNION ALL
					  SELECT c.relnamespace, 'trigger' FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
					  WHERE NOT t.tgisinternal
					) x JOIN pg_namespace n ON n.oid = x.ns
					GROUP BY n.nspname, x.kind""".formatted(NOT_EXTENSION_MEMBER), rs -> counts
				.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
				.put(rs.getString(2), rs.getLong(3)));
			return query(c, target.statementTimeout(), """
					SELECT n.nspname, pg_get_userbyid(n.nspowner) AS owner, obj_description(n.oid, 'pg_namespace') AS comment
					FROM pg_namespace n
					WHERE n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
					ORDER BY n.nspname IN ('pg_catalog', 'information_schema'), n.nspname""",
					rs -> new SchemaInfo(rs.getString(1), rs.getString("owner"), rs.getString("comment"),
							Map.copyOf(counts.getOrDefault(rs.getString(1), Map.of()))));
		});
	}

	@Override
	public ObjectPage objects(CatalogTarget target, ObjectQuery q) {
		ObjectKind kind = q.kind();
		return withConnection(target.pool(q.database()), c -> {
			if (kind == null || kind.isRelation() || kind == ObjectKind.SEQUENCE) {
				return relations(c, target.statementTimeout(), q);
			}
			return switch (kind) {
				case FUNCTION, PROCEDURE -> functions(c, target.statementTimeout(), q);
				case ENUM, DOMAIN -> types(c, target.statementTimeout(), q);
				case EXTENSION -> extensions(c, target.statementTimeout(), q);
				case TRIGGER -> triggers(c, target.statementTimeout(), q);
				default -> new ObjectPage(List.of(), 0);
			};
		});
	}

	private static String relkinds(@Nullable ObjectKind kind) {
		if (kind == null) {
			return "'r','p','v','m','f'";
		}
		return switch (kind) {
			case TABLE -> "'r'";
			case PARTITIONED_TABLE -> "'p'";
			case VIEW -> "'v'";
			case MATERIALIZED_VIEW -> "'m'";
			case FOREIGN_TABLE -> "'f'";
			case SEQUENCE -> "'S'";
			default -> "'-'";
		};
	}

	private static ObjectKind kindOf(String relkind) {
		return switch (relkind) {
			case "p" -> ObjectKind.PARTITIONED_TABLE;
			case "v" -> ObjectKind.VIEW;
			case "m" -> ObjectKind.MATERIALIZED_VIEW;
			case "f" -> ObjectKind.FOREIGN_TABLE;
			case "S" -> ObjectKind.SEQUENCE;
			default -> ObjectKind.TABLE;
		};
	}

	private ObjectPage relations(Connection c, Duration timeout, ObjectQuery q) throws SQLException {
		// the sort expressions come from this fixed table, never from the request
		String sortExpr = switch (q.sort()) {
			case NAME -> "c.relname";
			case ROWS -> "c.reltuples";
			case SIZE -> "pg_total_relation_size(c.oid)";
		};
		String dir = q.descending() ? "DESC" : "ASC";
		String sql = """
				WITH page AS (
				  SELECT c.oid, %1$s AS sort_value, count(*) OVER () AS total
				  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				  WHERE n.nspname = ? AND c.relkind IN (%2$s)
				    AND (CAST(? AS text) IS NULL OR c.relname ILIKE ? ESCAPE '\\')
				  ORDER BY 2 %3$s, c.relname
				  LIMIT ? OFFSET ?
				)
				SELECT c.relname, c.relkind, page.total,
				       CASE WHEN c.reltuples >= 0 AND c.relkind IN ('r','m','f') THEN c.reltuples::bigint END AS approx_rows,
				       CASE WHEN c.relkind IN ('r','p','m','S') THEN pg_total_relation_size(c.oid) END AS size,
				       d.description AS comment,
				       (SELECT pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
				        WHERE i.inhrelid = c.oid AND c.relispartition) AS parent,
				       CASE WHEN c.relkind IN ('r','p') THEN EXISTS (SELECT 1 FROM pg_constraint k
				         WHERE k.conrelid = c.oid AND k.contype = 'p') END AS has_pk,
				       CASE c.relkind
				         WHEN 'S' THEN (SELECT format('%%s, increment %%s', format_type(s.seqtypid, NULL), s.seqincrement)
				                        FROM pg_sequence s WHERE s.seqrelid = c.oid)
				         WHEN 'p' THEN pg_get_partkeydef(c.oid)
				         WHEN 'r' THEN CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END
				         WHEN 'f' THEN (SELECT fs.srvname FROM pg_foreign_table ft JOIN pg_foreign_server fs
				                        ON fs.oid = ft.ftserver WHERE ft.ftrelid = c.oid)
				       END AS info
				FROM page JOIN pg_class c ON c.oid = page.oid
				LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
				ORDER BY page.sort_value %3$s, c.relname""".formatted(sortExpr, relkinds(q.kind()), dir);
		String like = likeContains(q.q());
		long[] total = { -1 };
		List<ObjectSummary> items = query(c, timeout, sql, rs -> {
			total[0] = rs.getLong("total");
			return new ObjectSummary(rs.getString(1), q.schema(), kindOf(rs.getString(2)), getLong(rs, "approx_rows"),
					getLong(rs, "size"), rs.getString("comment"), rs.getString("info"), rs.getString("parent"),
					(Boolean) rs.getObject("has_pk"));
		}, q.schema(), like, like, q.size(), (long) q.page() * q.size());
		if (total[0] < 0) {
			total[0] = count(c, timeout, """
					SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE n.nspname = ? AND c.relkind IN (%s)
					  AND (CAST(? AS text) IS NULL OR c.relname ILIKE ? ESCAPE '\\')""".formatted(relkinds(q.kind())),
					q.schema(), like, like);
		}
		return new ObjectPage(items, total[0]);
	}

	private ObjectPage functions(Connection c, Duration timeout, ObjectQuery q) throws SQLException {
		String kinds = q.kind() == ObjectKind.PROCEDURE ? "'p'" : "'f','a','w'";
		String where = """
				FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
				WHERE n.nspname = ? AND p.prokind IN (%s) AND %s
				  AND (CAST(? AS text) IS NULL OR p.proname ILIKE ? ESCAPE '\\')""".formatted(kinds, NOT_EXTENSION_MEMBER);
		return paged(c, timeout, q, """
				SELECT p.proname AS name, count(*) OVER () AS total, obj_description(p.oid, 'pg_proc') AS comment,
				       format('(%s) → %s · %s', pg_get_function_identity_arguments(p.oid),
				              coalesce(pg_get_function_result(p.oid), 'void'),
				              (SELECT l.lanname FROM pg_language l WHERE l.oid = p.prolang)) AS info,
				       NULL AS parent, """ + SIGNATURE + " AS signature\n" + where + " ORDER BY p.proname "
				+ (q.descending() ? "DESC" : "ASC") + ", " + SIGNATURE + " LIMIT ? OFFSET ?",
				"SELECT count(*) " + where, q.kind());
	}

	private ObjectPage types(Connection c, Duration timeout, ObjectQuery q) throws SQLException {
		String typtype = q.kind() == ObjectKind.ENUM ? "'e'" : "'d'";
		String where = """
				FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
				WHERE n.nspname = ? AND t.typtype = %s
				  AND (CAST(? AS text) IS NULL OR t.typname ILIKE ? ESCAPE '\\')""".formatted(typtype);
		return paged(c, timeout, q, """
				SELECT t.typname AS name, count(*) OVER () AS total, obj_description(t.oid, 'pg_type') AS comment,
				       CASE t.typtype WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
				                                     FROM pg_enum e WHERE e.enumtypid = t.oid)
				            ELSE format_type(t.typbasetype, t.typtypmod) END AS info,
				       NULL AS parent
				""" + where + " ORDER BY t.typname " + (q.descending() ? "DESC" : "ASC") + " LIMIT ? OFFSET ?",
				"SELECT count(*) " + where, q.kind());
	}

	private ObjectPage extensions(Connection c, Duration timeout, ObjectQuery q) throws SQLException {
		String where = """
				FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
				WHERE n.nspname = ? AND (CAST(? AS text) IS NULL OR e.extname ILIKE ? ESCAPE '\\')""";
		return paged(c, timeout, q, """
				SELECT e.extname AS name, count(*) OVER () AS total, obj_description(e.oid, 'pg_extension') AS comment,
				       'version ' || e.extversion AS info, NULL AS parent
				""" + where + " ORDER BY e.extname " + (q.descending() ? "DESC" : "ASC") + " LIMIT ? OFFSET ?",
				"SELECT count(*) " + where, q.kind());
	}

	private ObjectPage triggers(Connection c, Duration timeout, ObjectQuery q) throws SQLException {
		String where = """
				FROM pg_trigger t JOIN pg_class tc ON tc.oid = t.tgrelid JOIN pg_namespace n ON n.oid = tc.relnamespace
				WHERE n.nspname = ? AND NOT t.tgisinternal
				  AND (CAST(? AS text) IS NULL OR t.tgname ILIKE ? ESCAPE '\\')""";
		return paged(c, timeout, q, """
				SELECT t.tgname AS name, count(*) OVER () AS total, obj_description(t.oid, 'pg_trigger') AS comment,
				       (SELECT p.proname || '()' FROM pg_proc p WHERE p.oid = t.tgfoid) AS info, tc.relname AS parent
				""" + where + " ORDER BY t.tgname " + (q.descending() ? "DESC" : "ASC") + ", tc.relname LIMIT ? OFFSET ?",
				"SELECT count(*) " + where, q.kind());
	}

	/** Runs a page query with columns name, total, comment, info, parent and params (schema, like, like, limit, offset). */
	private ObjectPage paged(Connection c, Duration timeout, ObjectQuery q, String sql, String countSql,
			@Nullable ObjectKind kind) throws SQLException {
		String like = likeContains(q.q());
		long[] total = { -1 };
		ObjectKind k = kind == null ? ObjectKind.FUNCTION : kind;
		boolean routines = k == ObjectKind.FUNCTION || k == ObjectKind.PROCEDURE;
		List<ObjectSummary> items = query(c, timeout, sql, rs -> {
			total[0] = rs.getLong("total");
			return new ObjectSummary(rs.getString("name"), q.schema(), k, null, null, rs.getString("comment"),
					rs.getString("info"), rs.getString("parent"), null, routines ? rs.getString("signature") : null);
		}, q.schema(), like, like, q.size(), (long) q.page() * q.size());
		if (total[0] < 0) {
			total[0] = count(c, timeout, countSql, q.schema(), like, like);
		}
		return new ObjectPage(items, total[0]);
	}

	private static long count(Connection c, Duration timeout, String sql, @Nullable Object... params)
			throws SQLException {
		return queryOne(c, timeout, sql, rs -> rs.getLong(1), params).orElse(0L);
	}

	// ---------------------------------------------------------------- detail

	private record Relation(long oid, String name, String relkind) {
	}

	private static Optional<Relation> findRelation(Connection c, Duration timeout, String schema, String name,
			@Nullable ObjectKind kind) throws SQLException {
		String kinds = kind == null ? RELATION_KINDS : relkinds(kind);
		return queryOne(c, timeout, """
				SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN (%s)""".formatted(kinds),
				rs -> new Relation(rs.getLong(1), rs.getString(2), rs.getString(3)), schema, name);
	}

	@Override
	public Optional<ObjectDetail> object(CatalogTarget target, ObjectRef ref) {
		Duration t = target.statementTimeout();
		return withConnection(target.pool(ref.database()), c -> {
			ObjectKind kind = ref.kind();
			if (kind == null || kind.isRelation() || kind == ObjectKind.SEQUENCE) {
				Optional<Relation> rel = findRelation(c, t, ref.schema(), ref.name(), kind);
				if (rel.isPresent()) {
					return Optional.of(relationDetail(c, t, ref.schema(), rel.get()));
				}
				if (kind != null) {
					return Optional.empty();
				}
			}
			List<ObjectKind> others = kind == null ? List.of(ObjectKind.FUNCTION, ObjectKind.PROCEDURE, ObjectKind.ENUM,
					ObjectKind.DOMAIN, ObjectKind.TRIGGER, ObjectKind.EXTENSION) : List.of(kind);
			for (ObjectKind other : others) {
				Optional<ObjectDetail> found = switch (other) {
					case FUNCTION, PROCEDURE -> functionDetail(c, t, ref.schema(), ref.name(), other, ref.signature());
					case ENUM, DOMAIN -> typeDetail(c, t, ref.schema(), ref.name(), other);
					case TRIGGER -> triggerDetail(c, t, ref.schema(), ref.name(), ref.parent());
					case EXTENSION -> extensionDetail(c, t, ref.schema(), ref.name());
					default -> Optional.empty();
				};
				if (found.isPresent()) {
					return found;
				}
			}
			return Optional.empty();
		});
	}

	private ObjectDetail relationDetail(Connection c, Duration t, String schema, Relation rel) throws SQLException {
		Map<String, String> props = new LinkedHashMap<>();
		String[] definition = { null };
		ObjectSummary[] summary = { null };
		TableStats[] stats = { TableStats.none() };
		queryOne(c, t, """
				SELECT c.relname, c.relkind, c.relpersistence,
				       CASE WHEN c.reltuples >= 0 AND c.relkind IN ('r','m','f') THEN c.reltuples::bigint END AS approx_rows,
				       CASE WHEN c.relkind IN ('r','p','m','S') THEN pg_total_relation_size(c.oid) END AS total_size,
				       CASE WHEN c.relkind IN ('r','m','S') THEN pg_relation_size(c.oid) END AS table_size,
				       CASE WHEN c.relkind IN ('r','p','m') THEN pg_indexes_size(c.oid) END AS index_size,
				       CASE WHEN c.reltoastrelid <> 0 THEN pg_total_relation_size(c.reltoastrelid) END AS toast_size,
				       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
				       s.n_live_tup, s.n_dead_tup, s.seq_scan, s.idx_scan,
				       obj_description(c.oid, 'pg_class') AS comment,
				       (SELECT pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
				        WHERE i.inhrelid = c.oid AND c.relispartition) AS parent,
				       CASE WHEN c.relkind IN ('v','m') THEN pg_get_viewdef(c.oid, true) END AS viewdef,
				       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
				       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partbound,
				       pg_get_userbyid(c.relowner) AS owner,
				       (SELECT spcname FROM pg_tablespace ts WHERE ts.oid = c.reltablespace) AS tablespace,
				       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p') AS has_pk
				FROM pg_class c LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
				WHERE c.oid = ?""", rs -> {
			ObjectKind kind = kindOf(rs.getString("relkind"));
			props.put("owner", rs.getString("owner"));
			putIf(props, "tablespace", rs.getString("tablespace"));
			putIf(props, "persistence", switch (rs.getString("relpersistence")) {
				case "u" -> "unlogged";
				case "t" -> "temporary";
				default -> null;
			});
			putIf(props, "partitionKey", rs.getString("partkey"));
			putIf(props, "partitionBound", rs.getString("partbound"));
			putIf(props, "liveTuples", str(getLong(rs, "n_live_tup")));
			putIf(props, "deadTuples", str(getLong(rs, "n_dead_tup")));
			putIf(props, "seqScans", str(getLong(rs, "seq_scan")));
			putIf(props, "indexScans", str(getLong(rs, "idx_scan")));
			definition[0] = rs.getString("viewdef");
			Long rows = getLong(rs, "approx_rows");
			summary[0] = new ObjectSummary(rs.getString("relname"), schema, kind, rows, getLong(rs, "total_size"),
					rs.getString("comment"), rs.getString("partkey") != null ? rs.getString("partkey")
							: rs.getString("partbound"),
					rs.getString("parent"), kind == ObjectKind.TABLE || kind == ObjectKind.PARTITIONED_TABLE
							? rs.getBoolean("has_pk") : null);
			stats[0] = new TableStats(rows, getLong(rs, "total_size"), getLong(rs, "table_size"),
					getLong(rs, "index_size"), getLong(rs, "toast_size"), getTime(rs, "last_vacuum"),
					getTime(rs, "last_autovacuum"), getTime(rs, "last_analyze"), getTime(rs, "last_autoanalyze"),
					Map.of());
			return Boolean.TRUE;
		}, rel.oid());
		if (rel.relkind().equals("S")) {
			queryOne(c, t, """
					SELECT format_type(s.seqtypid, NULL) AS type, s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
					       s.seqcache, s.seqcycle,
					       CASE WHEN has_sequence_privilege(s.seqrelid, 'SELECT') THEN pg_sequence_last_value(s.seqrelid) END AS last_value,
					       (SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname)
					        FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid
					        JOIN pg_namespace tn ON tn.oid = tc.relnamespace
					        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
					        WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.refobjsubid > 0
					          AND d.deptype IN ('a','i') LIMIT 1) AS owned_by
					FROM pg_sequence s WHERE s.seqrelid = ?""", rs -> {
				props.put("type", rs.getString("type"));
				props.put("start", rs.getString("seqstart"));
				props.put("increment", rs.getString("seqincrement"));
				props.put("minValue", rs.getString("seqmin"));
				props.put("maxValue", rs.getString("seqmax"));
				props.put("cache", rs.getString("seqcache"));
				props.put("cycle", String.valueOf(rs.getBoolean("seqcycle")));
				putIf(props, "currentValue", rs.getString("last_value"));
				putIf(props, "ownedBy", rs.getString("owned_by"));
				return Boolean.TRUE;
			}, rel.oid());
			return new ObjectDetail(summary[0], List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
					stats[0], null, List.of(), props);
		}

		List<ConstraintInfo> constraints = new ArrayList<>();
		List<ForeignKeyInfo> fks = new ArrayList<>();
		List<ForeignKeyInfo> referencedBy = new ArrayList<>();
		query(c, t, """
				SELECT con.conname, con.contype, pg_get_constraintdef(con.oid, true) AS def,
				       con.conrelid = ? AS own, con.confrelid = ? AND con.conparentid = 0 AS refs_me,
				       rn.nspname AS rel_schema, rc.relname AS rel_name,
				       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
				             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols,
				       fn.nspname AS ref_schema, fc.relname AS ref_name,
				       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
				             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_cols,
				       con.confdeltype, con.confupdtype
				FROM pg_constraint con
				JOIN pg_class rc ON rc.oid = con.conrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
				LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
				WHERE con.conrelid = ? OR (con.contype = 'f' AND con.confrelid = ? AND con.conparentid = 0)
				ORDER BY con.contype, con.conname, rc.relname""", rs -> {
			String type = rs.getString("contype");
			List<String> cols = getStrings(rs, "cols");
			if (type.equals("f")) {
				ForeignKeyInfo fk = new ForeignKeyInfo(rs.getString("conname"), rs.getString("rel_schema"),
						rs.getString("rel_name"), cols, rs.getString("ref_schema"), rs.getString("ref_name"),
						getStrings(rs, "ref_cols"), action(rs.getString("confdeltype")),
						action(rs.getString("confupdtype")));
				if (rs.getBoolean("own")) {
					fks.add(fk);
				}
				// a self-reference is both
				if (rs.getBoolean("refs_me")) {
					referencedBy.add(fk);
				}
			}
			else if (rs.getBoolean("own")) {
				ConstraintType ct = switch (type) {
					case "p" -> ConstraintType.PRIMARY_KEY;
					case "u" -> ConstraintType.UNIQUE;
					case "x" -> ConstraintType.EXCLUSION;
					default -> ConstraintType.CHECK;
				};
				if (!type.equals("t") && !type.equals("n")) {
					constraints.add(new ConstraintInfo(rs.getString("conname"), ct, cols, rs.getString("def")));
				}
			}
			return Boolean.TRUE;
		}, rel.oid(), rel.oid(), rel.oid(), rel.oid());

		List<IndexInfo> indexes = query(c, t, """
				SELECT ic.relname, i.indisunique, i.indisprimary, am.amname,
				       pg_get_expr(i.indpred, i.indrelid) AS predicate, pg_get_indexdef(i.indexrelid) AS def,
				       pg_relation_size(i.indexrelid) AS size,
				       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k
				             ORDER BY k) AS cols
				FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
				WHERE i.indrelid = ? ORDER BY i.indisprimary DESC, ic.relname""",
				rs -> new IndexInfo(rs.getString(1), getStrings(rs, "cols"), rs.getBoolean(2), rs.getBoolean(3),
						rs.getString(4), rs.getString("predicate"), rs.getString("def"), getLong(rs, "size")),
				rel.oid());

		List<TriggerInfo> triggers = query(c, t, """
				SELECT t.tgname, t.tgtype, t.tgenabled, quote_ident(pn.nspname) || '.' || quote_ident(p.proname) || '()' AS fn
				FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace
				WHERE t.tgrelid = ? AND NOT t.tgisinternal ORDER BY t.tgname""",
				rs -> trigger(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString("fn")), rel.oid());

		List<ColumnInfo> columns = query(c, t, """
				SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
				       pg_get_expr(d.adbin, d.adrelid) AS expr, a.attidentity, a.attgenerated,
				       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname END AS collation,
				       col_description(a.attrelid, a.attnum) AS comment
				FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
				LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
				LEFT JOIN pg_collation co ON co.oid = a.attcollation
				WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""", rs -> {
			String name = rs.getString("attname");
			boolean generated = "s".equals(rs.getString("attgenerated"));
			String identity = switch (String.valueOf(rs.getString("attidentity"))) {
				case "a" -> "ALWAYS";
				case "d" -> "BY DEFAULT";
				default -> null;
			};
			return new ColumnInfo(rs.getInt("attnum"), name, rs.getString("type"), rs.getBoolean("nullable"),
					generated ? null : rs.getString("expr"), identity, generated ? rs.getString("expr") : null,
					rs.getString("collation"), rs.getString("comment"), false, false, false, false, null, null);
		}, rel.oid());

		List<String> partitions = rel.relkind().equals("p") ? query(c, t, """
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = ? ORDER BY c.relname""", rs -> rs.getString(1), rel.oid()) : List.of();

		return new ObjectDetail(summary[0], flagColumns(columns, constraints, fks, indexes), constraints, fks,
				referencedBy, indexes, triggers, stats[0], definition[0], partitions, props);
	}

	/** Marks columns that take part in the primary key, a foreign key, a unique constraint, an index. */
	public static List<ColumnInfo> flagColumns(List<ColumnInfo> columns, List<ConstraintInfo> constraints,
			List<ForeignKeyInfo> fks, List<IndexInfo> indexes) {
		Set<String> pk = new java.util.HashSet<>();
		Set<String> unique = new java.util.HashSet<>();
		Set<String> fk = new java.util.HashSet<>();
		Set<String> indexed = new java.util.HashSet<>();
		constraints.forEach(k -> {
			if (k.type() == ConstraintType.PRIMARY_KEY) {
				pk.addAll(k.columns());
			}
			else if (k.type() == ConstraintType.UNIQUE) {
				unique.addAll(k.columns());
			}
		});
		fks.forEach(f -> fk.addAll(f.columns()));
		indexes.forEach(i -> {
			indexed.addAll(i.columns());
			if (i.unique() && i.columns().size() == 1 && !i.primary()) {
				unique.addAll(i.columns());
			}
		});
		return columns.stream()
			.map(col -> new ColumnInfo(col.position(), col.name(), col.dataType(), col.nullable(), col.defaultValue(),
					col.identity(), col.generated(), col.collation(), col.comment(),
					col.primaryKey() || pk.contains(col.name()), col.foreignKey() || fk.contains(col.name()),
					col.unique() || unique.contains(col.name()), col.indexed() || indexed.contains(col.name())
							|| indexed.contains(quoteDouble(col.name())),
					col.observedTypes(), col.presence()))
			.toList();
	}

	private static TriggerInfo trigger(String name, int tgtype, String enabled, String function) {
		String timing = (tgtype & 2) != 0 ? "BEFORE" : (tgtype & 64) != 0 ? "INSTEAD OF" : "AFTER";
		List<String> events = new ArrayList<>();
		if ((tgtype & 4) != 0) {
			events.add("INSERT");
		}
		if ((tgtype & 16) != 0) {
			events.add("UPDATE");
		}
		if ((tgtype & 8) != 0) {
			events.add("DELETE");
		}
		if ((tgtype & 32) != 0) {
			events.add("TRUNCATE");
		}
		return new TriggerInfo(name, timing, events, function, (tgtype & 1) != 0 ? "ROW" : "STATEMENT",
				!"D".equals(enabled));
	}

	private static String action(@Nullable String code) {
		return switch (String.valueOf(code)) {
			case "c" -> "CASCADE";
			case "n" -> "SET NULL";
			case "d" -> "SET DEFAULT";
			case "r" -> "RESTRICT";
			default -> "NO ACTION";
		};
	}

	/**
	 * One routine: the overload with {@code signature} when given; without it the first overload by signature,
	 * which names the others (an old link, or a caller that does not know the signature).
	 */
	private Optional<ObjectDetail> functionDetail(Connection c, Duration t, String schema, String name,
			ObjectKind kind, @Nullable String signature) throws SQLException {
		String kinds = kind == ObjectKind.PROCEDURE ? "'p'" : "'f','a','w'";
		List<ObjectDetail> found = query(c, t, """
				SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, %1$s AS signature,
				       pg_get_function_result(p.oid) AS result, l.lanname, p.provolatile, p.prosecdef,
				       obj_description(p.oid, 'pg_proc') AS comment, pg_get_userbyid(p.proowner) AS owner,
				       CASE WHEN p.prokind IN ('f','p') THEN pg_get_functiondef(p.oid) END AS def
				FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
				WHERE n.nspname = ? AND p.proname = ? AND p.prokind IN (%2$s)
				  AND (CAST(? AS text) IS NULL OR %1$s = ?)
				ORDER BY signature LIMIT 20""".formatted(SIGNATURE, kinds), rs -> {
			Map<String, String> props = new LinkedHashMap<>();
			props.put("signature", rs.getString("proname") + "(" + rs.getString("args") + ")");
			putIf(props, "returns", rs.getString("result"));
			props.put("language", rs.getString("lanname"));
			props.put("volatility", switch (rs.getString("provolatile")) {
				case "i" -> "IMMUTABLE";
				case "s" -> "STABLE";
				default -> "VOLATILE";
			});
			props.put("securityDefiner", String.valueOf(rs.getBoolean("prosecdef")));
			props.put("owner", rs.getString("owner"));
			ObjectSummary s = new ObjectSummary(rs.getString("proname"), schema, kind, null, null,
					rs.getString("comment"), "(" + rs.getString("args") + ") → " + rs.getString("result"), null, null,
					rs.getString("signature"));
			return new ObjectDetail(s, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
					TableStats.none(), rs.getString("def"), List.of(), props);
		}, schema, name, signature, signature);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ObjectDetail first = found.get(0);
		if (found.size() > 1) {
			// overloads: show the first, name them all
			Map<String, String> props = new LinkedHashMap<>(first.properties());
			props.put("overloads", String.join("; ", found.stream().map(d -> d.properties().get("signature")).toList()));
			String defs = String.join("\n\n", found.stream().map(ObjectDetail::definition)
				.filter(java.util.Objects::nonNull).toList());
			first = new ObjectDetail(first.summary(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
					TableStats.none(), defs, List.of(), props);
		}
		return Optional.of(first);
	}

	private Optional<ObjectDetail> typeDetail(Connection c, Duration t, String schema, String name, ObjectKind kind)
			throws SQLException {
		String typtype = kind == ObjectKind.ENUM ? "e" : "d";
		return queryOne(c, t, """
				SELECT t.oid, t.typname, obj_description(t.oid, 'pg_type') AS comment, pg_get_userbyid(t.typowner) AS owner,
				       format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull, t.typdefault,
				       (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
				        FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
				       (SELECT string_agg(pg_get_constraintdef(k.oid, true), ' ' ORDER BY k.conname)
				        FROM pg_constraint k WHERE k.contypid = t.oid) AS checks,
				       CASE t.typtype WHEN 'e' THEN
				         format('CREATE TYPE %I.%I AS ENUM (%s);', n.nspname, t.typname,
				           (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
				            FROM pg_enum e WHERE e.enumtypid = t.oid))
				       ELSE format('CREATE DOMAIN %I.%I AS %s%s%s%s;', n.nspname, t.typname,
				           format_type(t.typbasetype, t.typtypmod),
				           CASE WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || t.typdefault ELSE '' END,
				           CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END,
				           coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' ||
				                     pg_get_constraintdef(k.oid, true), '' ORDER BY k.conname)
				                     FROM pg_constraint k WHERE k.contypid = t.oid), ''))
				       END AS ddl
				FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
				WHERE n.nspname = ? AND t.typname = ? AND t.typtype = ?""", rs -> {
			Map<String, String> props = new LinkedHashMap<>();
			props.put("owner", rs.getString("owner"));
			if (typtype.equals("e")) {
				props.put("labels", rs.getString("labels"));
			}
			else {
				props.put("baseType", rs.getString("base"));
				props.put("notNull", String.valueOf(rs.getBoolean("typnotnull")));
				putIf(props, "default", rs.getString("typdefault"));
				putIf(props, "checks", rs.getString("checks"));
			}
			ObjectSummary s = new ObjectSummary(rs.getString("typname"), schema, kind, null, null,
					rs.getString("comment"), typtype.equals("e") ? rs.getString("labels") : rs.getString("base"), null,
					null);
			return new ObjectDetail(s, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
					TableStats.none(), rs.getString("ddl"), List.of(), props);
		}, schema, name, typtype);
	}

	/** PostgreSQL names triggers per table: {@code table} picks one; without it the first by table name answers. */
	private Optional<ObjectDetail> triggerDetail(Connection c, Duration t, String schema, String name,
			@Nullable String table) throws SQLException {
		return queryOne(c, t, """
				SELECT t.tgname, tc.relname, t.tgtype, t.tgenabled, pg_get_triggerdef(t.oid, true) AS def,
				       quote_ident(pn.nspname) || '.' || quote_ident(p.proname) || '()' AS fn,
				       obj_description(t.oid, 'pg_trigger') AS comment
				FROM pg_trigger t JOIN pg_class tc ON tc.oid = t.tgrelid JOIN pg_namespace n ON n.oid = tc.relnamespace
				JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace
				WHERE n.nspname = ? AND t.tgname = ? AND NOT t.tgisinternal
				  AND (CAST(? AS text) IS NULL OR tc.relname = ?)
				ORDER BY tc.relname LIMIT 1""", rs -> {
			TriggerInfo info = trigger(rs.getString(1), rs.getInt("tgtype"), rs.getString("tgenabled"),
					rs.getString("fn"));
			ObjectSummary s = new ObjectSummary(rs.getString(1), schema, ObjectKind.TRIGGER, null, null,
					rs.getString("comment"), rs.getString("fn"), rs.getString("relname"), null);
			Map<String, String> props = new LinkedHashMap<>();
			props.put("table", rs.getString("relname"));
			props.put("timing", info.timing());
			props.put("events", String.join(", ", info.events()));
			return new ObjectDetail(s, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(info),
					TableStats.none(), rs.getString("def") + ";", List.of(), props);
		}, schema, name, table, table);
	}

	private Optional<ObjectDetail> extensionDetail(Connection c, Duration t, String schema, String name)
			throws SQLException {
		return queryOne(c, t, """
				SELECT e.extname, e.extversion, obj_description(e.oid, 'pg_extension') AS comment,
				       format('CREATE EXTENSION %I WITH SCHEMA %I VERSION %L;', e.extname, n.nspname, e.extversion) AS ddl
				FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
				WHERE n.nspname = ? AND e.extname = ?""", rs -> {
			ObjectSummary s = new ObjectSummary(rs.getString(1), schema, ObjectKind.EXTENSION, null, null,
					rs.getString("comment"), "version " + rs.getString(2), null, null);
			return new ObjectDetail(s, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
					TableStats.none(), rs.getString("ddl"), List.of(), Map.of("version", rs.getString(2)));
		}, schema, name);
	}

	// ---------------------------------------------------------------- DDL and counts

	@Override
	public Optional<String> ddl(CatalogTarget target, ObjectRef ref) {
		ObjectKind kind = ref.kind();
		boolean relation = kind == null || kind.isRelation() || kind == ObjectKind.SEQUENCE;
		Optional<Relation> rel = relation ? withConnection(target.pool(ref.database()),
				c -> findRelation(c, target.statementTimeout(), ref.schema(), ref.name(), kind)) : Optional.empty();
		if (rel.isPresent()) {
			return Optional.of(pgDump(target, ref.database(), ref.schema(), rel.get().name()));
		}
		if (kind != null && relation) {
			return Optional.empty();
		}
		// functions, types, triggers, extensions: the server formats their definitions itself
		return object(target, ref).map(ObjectDetail::definition);
	}

	/** {@code pg_dump -s -t "schema"."table"}: argument array, password in the environment, bounded in time and size. */
	String pgDump(CatalogTarget target, String database, String schema, String table) {
		ConnectionSpec spec = target.spec();
		String[] server = withConnection(target.pool(database),
				c -> queryOne(c, target.statementTimeout(),
						"SELECT current_setting('server_version_num'), current_setting('server_version')",
						rs -> new String[] { rs.getString(1), rs.getString(2) }).orElseThrow());
		Path binary;
		try {
			// the same client choice as backups: same major, else the newest newer one, never an older one
			binary = clients.forServer(Integer.parseInt(server[0]) / 10_000, server[1]).tool("pg_dump");
		}
		catch (ToolUnavailable e) {
			throw new CatalogUnavailable(e.getMessage(), e);
		}
		try {
			access.check(spec);
		}
		catch (TargetHostRefused e) {
			throw new CatalogUnavailable(e.getMessage(), e);
		}
		List<String> command = List.of(binary.toString(), "--schema-only", "--strict-names", "--no-password",
				"--table=" + dumpPattern(schema, table));
		ProcessBuilder pb = new ProcessBuilder(command);
		Map<String, String> env = pb.environment();
		env.keySet().removeIf(k -> k.startsWith("PG"));
		// connection parameters through the environment: libpq never parses them as a conninfo string there
		env.put("PGHOST", spec.host() == null ? "localhost" : spec.host());
		env.put("PGPORT", String.valueOf(spec.port() == null ? 5432 : spec.port()));
		env.put("PGDATABASE", database);
		if (spec.username() != null) {
			env.put("PGUSER", spec.username());
		}
		if (spec.password() != null) {
			env.put("PGPASSWORD", spec.password());
		}
		env.put("PGSSLMODE", switch (spec.sslMode() == null ? SslMode.DISABLE : spec.sslMode()) {
			case DISABLE -> "disable";
			case REQUIRE -> "require";
			case VERIFY_CA -> "verify-ca";
			case VERIFY_FULL -> "verify-full";
		});
		env.put("PGCONNECT_TIMEOUT", String.valueOf(access.connectSeconds()));
		env.put("PGAPPNAME", "steward-catalog");
		Path caFile = null;
		try {
			if (spec.caCertificate() != null && !spec.caCertificate().isBlank()) {
				caFile = Files.createTempFile("steward-ca-", ".pem",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(caFile, spec.caCertificate());
				env.put("PGSSLROOTCERT", caFile.toString());
			}
			pb.redirectErrorStream(false);
			Process process = pb.start();
			process.getOutputStream().close();
			CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readCapped(process.getInputStream()));
			CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readCapped(process.getErrorStream()));
			long timeoutMillis = Math.max(10_000, target.statementTimeout().toMillis() * 3);
			if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new CatalogUnavailable("pg_dump did not finish within " + timeoutMillis / 1000 + " s");
			}
			String stdout = new String(out.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				String stderr = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).trim();
				throw new CatalogUnavailable("pg_dump failed: " + scrub(stderr, spec.password()));
			}
			return tidyDump(stdout);
		}
		catch (IOException e) {
			throw new CatalogUnavailable("Could not run pg_dump: " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CatalogUnavailable("Interrupted while running pg_dump", e);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
			throw new CatalogUnavailable("Could not read pg_dump's output", e);
		}
		finally {
			if (caFile != null) {
				try {
					Files.deleteIfExists(caFile);
				}
				catch (IOException ignored) {
					// a temp file of a public certificate; nothing secret is left behind
				}
			}
		}
	}

	private static String scrub(String text, @Nullable String password) {
		return password == null || password.isEmpty() ? text : text.replace(password, "***");
	}

	private static byte[] readCapped(InputStream in) {
		try (in) {
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			byte[] chunk = new byte[16384];
			int n;
			while ((n = in.read(chunk)) > 0) {
				if (buffer.size() < DDL_LIMIT_BYTES) {
					buffer.write(chunk, 0, Math.min(n, DDL_LIMIT_BYTES - buffer.size()));
				}
				// keep draining so the child never blocks on a full pipe
			}
			return buffer.toByteArray();
		}
		catch (IOException e) {
			return new byte[0];
		}
	}

	/** pg_dump's preamble (SET lines, empty comment blocks) is noise in a DDL view. */
	static String tidyDump(String dump) {
		StringBuilder out = new StringBuilder();
		boolean lastBlank = true;
		for (String line : dump.split("\n", -1)) {
			if (line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config")
					|| line.equals("--") || line.startsWith("-- Dumped ") || line.startsWith("-- PostgreSQL database dump")
					|| line.startsWith("\\restrict") || line.startsWith("\\unrestrict")) {
				continue;
			}
			boolean blank = line.isBlank();
			if (blank && lastBlank) {
				continue;
			}
			out.append(line).append('\n');
			lastBlank = blank;
		}
		return out.toString().strip() + "\n";
	}

	/**
	 * A pg_dump {@code -t} pattern that matches exactly one relation: each part in double quotes, where pg_dump
	 * treats every character literally except a doubled quote, which stands for one.
	 */
	static String dumpPattern(String schema, String table) {
		return quoteDouble(schema) + "." + quoteDouble(table);
	}

	@Override
	public Optional<Long> exactCount(CatalogTarget target, ObjectRef ref, Duration timeout) {
		return withConnection(target.pool(ref.database()), c -> {
			Optional<Relation> rel = queryOne(c, target.statementTimeout(), """
					SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r','p','v','m','f')""",
					rs -> new Relation(rs.getLong(1), rs.getString(2), rs.getString(3)), ref.schema(), ref.name());
			if (rel.isEmpty()) {
				return Optional.empty();
			}
			// the identifier must appear in SQL: quoted by PostgreSQL's rules, from names the catalog just returned
			String sql = "SELECT count(*) FROM " + quoteDouble(ref.schema()) + "." + quoteDouble(rel.get().name());
			return queryOne(c, timeout, sql, rs -> rs.getLong(1));
		});
	}

	// ---------------------------------------------------------------- snapshot

	@Override
	public List<SnapshotObject> snapshot(CatalogTarget target) {
		List<SnapshotObject> out = new ArrayList<>();
		snapshot(target, out::add);
		return out;
	}

	@Override
	public void snapshot(CatalogTarget target, Consumer<SnapshotObject> sink) {
		List<String> databases = target.spec().database() != null ? List.of(ownDatabase(target))
				: databases(target).stream().map(DatabaseInfo::name).toList();
		for (String db : databases) {
			withConnection(target.pool(db), c -> {
				PostgresSnapshot.read(c, target.statementTimeout(), db, SYSTEM_SCHEMA_FILTER,
						PostgresCatalog::kindOf, sink);
				return Boolean.TRUE;
			});
		}
	}

	/** One schema of one database, partitions folded into their partitioned tables. */
	@Override
	public void schemaSnapshot(CatalogTarget target, String database, String schema, Consumer<SnapshotObject> sink) {
		withConnection(target.pool(database), c -> {
			PostgresSchemaSnapshot.read(c, target.statementTimeout(), database, schema,
					PostgresCatalog::kindOf, sink);
			return Boolean.TRUE;
		});
	}

	// ---------------------------------------------------------------- helpers

	private static String ownDatabase(CatalogTarget target) {
		String db = target.spec().database();
		return db == null || db.isBlank() ? (target.spec().username() == null ? "postgres" : target.spec().username())
				: db;
	}

	private static void putIf(Map<String, String> map, String key, @Nullable String value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static @Nullable String str(@Nullable Long value) {
		return value == null ? null : value.toString();
	}

	@SuppressWarnings("unused")
	private static String like(String s) {
		return CatalogJdbc.escapeLike(s);
	}
}
