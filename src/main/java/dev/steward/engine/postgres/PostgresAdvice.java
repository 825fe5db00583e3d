package dev.steward.engine.postgres;

import static dev.steward.engine.postgres.PostgresPerformance.evidence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.PerformanceModel.Advice;
import dev.steward.engine.PerformanceModel.AdviceFinding;
import dev.steward.engine.PerformanceModel.FindingKind;
import dev.steward.engine.PerformanceModel.FindingSeverity;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.IndexAdvice;
import dev.steward.engine.support.IndexAdvice.ForeignKeyFacts;
import dev.steward.engine.support.IndexAdvice.IndexFacts;

/**
 * PostgreSQL advice from the catalog and the statistics views of the connection's database: index facts for
 * {@link IndexAdvice}, then tables (statistics, vacuum, dead tuples, sequential scans), sequences and the
 * database's transaction-id age. Each read is bounded to {@link #MAX_OBJECTS} rows.
 */
final class PostgresAdvice {

	static final int MAX_OBJECTS = 5000;

	private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
			+ "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

	private static final String INDEXES = """
			SELECT n.nspname AS schema_name, t.relname AS table_name, i.relname AS index_name, am.amname,
			  x.indisunique,
			  EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid
			    AND k.contype IN ('p', 'u', 'x')) AS is_constraint,
			  pg_get_expr(x.indpred, x.indrelid) AS predicate,
			  ARRAY(SELECT CASE WHEN x.indkey[k.i - 1] = 0
			      THEN '(' || pg_get_indexdef(x.indexrelid, k.i, true) || ')'
			      ELSE (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = x.indrelid
			        AND a.attnum = x.indkey[k.i - 1]) END
			    FROM generate_series(1, x.indnkeyatts) AS k(i) ORDER BY k.i) AS columns,
			  array_to_string(ARRAY(SELECT x.indclass[k.i - 1] || '/' || x.indcollation[k.i - 1] || '/'
			    || x.indoption[k.i - 1] FROM generate_series(1, x.indnkeyatts) AS k(i) ORDER BY k.i), ' ') AS shape,
			  pg_relation_size(i.oid) AS size, s.idx_scan
			FROM pg_index x
			JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
			JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
			LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid
			WHERE x.indisvalid AND t.relkind IN ('r', 'm') AND %s
			ORDER BY n.nspname, t.relname, i.relname LIMIT %d""".formatted(USER_SCHEMAS, MAX_OBJECTS);

	private static final String FOREIGN_KEYS = """
			SELECT n.nspname AS schema_name, t.relname AS table_name, k.conname,
			  ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
			    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns,
			  k.confrelid::regclass::text AS referenced
			FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
			WHERE k.contype = 'f' AND t.relkind = 'r' AND %s
			ORDER BY n.nspname, t.relname, k.conname LIMIT %d""".formatted(USER_SCHEMAS, MAX_OBJECTS);

	private static final String TABLES = """
			SELECT s.schemaname, s.relname, greatest(c.reltuples, 0)::bigint AS est_rows,
			  pg_table_size(c.oid) AS bytes, s.seq_scan, s.seq_tup_read, coalesce(s.idx_scan, 0) AS idx_scan,
			  s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze,
			  greatest(s.last_vacuum, s.last_autovacuum) AS vacuumed,
			  greatest(s.last_analyze, s.last_autoanalyze) AS analyzed, age(c.relfrozenxid) AS xid_age
			FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
			WHERE c.relkind = 'r'
			ORDER BY pg_table_size(c.oid) DESC LIMIT %d""".formatted(MAX_OBJECTS);

	private static final String SEQUENCES = """
			SELECT schemaname, sequencename, data_type::text AS data_type, last_value, min_value, max_value,
			  increment_by
			FROM pg_sequences
			WHERE last_value IS NOT NULL AND NOT cycle AND schemaname NOT IN ('pg_catalog', 'information_schema')
			LIMIT %d""".formatted(MAX_OBJECTS);

	private static final String DATABASE = """
			SELECT age(d.datfrozenxid) AS xid_age, current_setting('autovacuum_freeze_max_age')::bigint AS freeze_max,
			  s.stats_reset
			FROM pg_database d LEFT JOIN pg_stat_database s ON s.datid = d.oid
			WHERE d.datname = current_database()""";

	private static final IndexAdvice.Ddl DDL = new IndexAdvice.Ddl() {

		@Override
		public String dropIndex(IndexFacts index) {
			return "DROP INDEX CONCURRENTLY " + q(index.schema()) + "." + q(index.name()) + ";";
		}

		@Override
		public String createIndex(String schema, String table, List<String> columns) {
			return "CREATE INDEX CONCURRENTLY ON " + q(schema) + "." + q(table) + " ("
					+ String.join(", ", columns.stream().map(PostgresAdvice::q).toList()) + ");";
		}
	};

	private PostgresAdvice() {
	}

	static String q(String identifier) {
		return PostgresBackupSupport.quote(identifier);
	}

	static Advice read(Connection c, int limit, Duration timeout) throws SQLException {
		List<IndexFacts> indexes = CatalogJdbc.query(c, timeout, INDEXES, rs -> new IndexFacts(
				rs.getString("schema_name"), rs.getString("table_name"), rs.getString("index_name"),
				CatalogJdbc.getStrings(rs, "columns"), rs.getString("amname"), rs.getString("predicate"),
				rs.getString("shape"), rs.getBoolean("indisunique"), rs.getBoolean("is_constraint"),
				CatalogJdbc.getLong(rs, "size"), CatalogJdbc.getLong(rs, "idx_scan")));
		List<ForeignKeyFacts> foreignKeys = CatalogJdbc.query(c, timeout, FOREIGN_KEYS,
				rs -> new ForeignKeyFacts(rs.getString("schema_name"), rs.getString("table_name"),
						rs.getString("conname"), CatalogJdbc.getStrings(rs, "columns"), rs.getString("referenced")));
		List<AdviceFinding> findings = new ArrayList<>(IndexAdvice.analyse(indexes, foreignKeys, DDL, true));
		PostgresTableAdvice.tables(CatalogJdbc.query(c, timeout, TABLES, PostgresTableAdvice::table), findings);
		CatalogJdbc.query(c, timeout, SEQUENCES, rs -> {
			PostgresTableAdvice.sequence(rs, findings);
			return 0;
		});
		OffsetDateTime since = CatalogJdbc.queryOne(c, timeout, DATABASE, rs -> {
			PostgresTableAdvice.wraparound(rs.getLong("xid_age"), rs.getLong("freeze_max"), findings);
			return CatalogJdbc.getTime(rs, "stats_reset");
		}).orElse(null);
		return limited(findings, limit, since);
	}

	/** Most severe first; at most {@code limit}. */
	static Advice limited(List<AdviceFinding> findings, int limit, @Nullable OffsetDateTime since) {
		List<AdviceFinding> sorted = findings.stream()
			.sorted(Comparator.comparing(AdviceFinding::severity).reversed()
				.thenComparing(AdviceFinding::kind)
				.thenComparing(AdviceFinding::object))
			.toList();
		boolean truncated = sorted.size() > limit;
		return new Advice(truncated ? sorted.subList(0, limit) : sorted, List.of(), truncated, since);
	}

	static AdviceFinding finding(FindingKind kind, FindingSeverity severity, @Nullable String schema, String object, String summary,
			@Nullable String fixSql, Object... evidence) {
		return new AdviceFinding(kind, severity, schema, object, summary, evidence(evidence), fixSql);
	}
}
