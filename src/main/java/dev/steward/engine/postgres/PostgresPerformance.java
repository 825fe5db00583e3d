package dev.steward.engine.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.PerformanceInsight;
import dev.steward.engine.PerformanceModel.Advice;
import dev.steward.engine.PerformanceModel.PerformanceFeatures;
import dev.steward.engine.PerformanceModel.FindingKind;
import dev.steward.engine.PerformanceModel.StatementSource;
import dev.steward.engine.PerformanceModel.StatementStat;
import dev.steward.engine.PerformanceModel.StatementsUnavailable;
import dev.steward.engine.PerformanceModel.TopStatements;
import dev.steward.engine.PerformanceModel.UnavailableReason;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.CatalogJdbc;

/**
 * PostgreSQL statements from {@code pg_stat_statements} (of the connection's own database) when the extension is
 * there, otherwise the statements running now from {@code pg_stat_activity}; advice in {@link PostgresAdvice}.
 */
@Component
class PostgresPerformance implements PerformanceInsight {

	static final String ENABLE_HINT = "Add pg_stat_statements to shared_preload_libraries in postgresql.conf "
			+ "(shared_preload_libraries = 'pg_stat_statements'), restart the server, then run "
			+ "CREATE EXTENSION pg_stat_statements; in this database";

	/** Both top-N lists in one statement: a statement in either is returned once. */
	private static final String STATEMENTS = """
			WITH s AS (
			  SELECT queryid::text AS id, query, r.rolname, calls, %1$s AS total, %2$s AS mean, %3$s AS max, rows
			  FROM %4$s.pg_stat_statements s LEFT JOIN pg_roles r ON r.oid = s.userid
			  WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND calls > 0)
			SELECT * FROM (SELECT * FROM s ORDER BY total DESC LIMIT ?) t
			UNION
			SELECT * FROM (SELECT * FROM s ORDER BY mean DESC LIMIT ?) m
			ORDER BY total DESC""";

	private static final String ACTIVITY = """
			SELECT query, usename, extract(epoch FROM now() - query_start) * 1000 AS ms
			FROM pg_stat_activity
			WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'
			  AND datname = current_database() AND query_start IS NOT NULL
			ORDER BY query_start LIMIT ?""";

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public PerformanceFeatures features() {
		return new PerformanceFeatures(true, true, EnumSet.allOf(FindingKind.class));
	}

	@Override
	public TopStatements topStatements(TargetPool pool, ConnectionSpec spec, int limit, Duration timeout) {
		return CatalogJdbc.withConnection(pool, c -> {
			StatementsUnavailable unavailable = unavailable(c, timeout);
			if (unavailable == null) {
				try {
					return statistics(c, limit, timeout);
				}
				catch (SQLException e) {
					// 55000: listed as an extension but the library is not loaded; 42501: no privilege
					if (!"55000".equals(e.getSQLState()) && !"42501".equals(e.getSQLState())) {
						throw e;
					}
					unavailable = "42501".equals(e.getSQLState())
							? new StatementsUnavailable(UnavailableReason.NO_PRIVILEGE,
									"This connection's user may not read pg_stat_statements: " + e.getMessage(),
									"GRANT pg_read_all_stats TO the connection's user")
							: new StatementsUnavailable(UnavailableReason.EXTENSION_NOT_LOADED,
									"pg_stat_statements is created in this database but the server has not loaded it",
									ENABLE_HINT);
				}
			}
			recover(c);
			return new TopStatements(StatementSource.ACTIVITY_SAMPLE, activity(c, limit, timeout), null, unavailable);
		});
	}

	/** Null when the extension is created here; otherwise why not, and how to get it. */
	private static @Nullable StatementsUnavailable unavailable(Connection c, Duration timeout) throws SQLException {
		Optional<String> version = CatalogJdbc.queryOne(c, timeout,
				"SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'", rs -> rs.getString(1));
		if (version.isPresent()) {
			return null;
		}
		String preload;
		try {
			preload = CatalogJdbc.queryOne(c, timeout, "SELECT current_setting('shared_preload_libraries')",
					rs -> rs.getString(1)).orElse("");
		}
		catch (SQLException e) {
			// only superusers and pg_read_all_settings may read it; then say both steps
			recover(c);
			preload = "";
		}
		boolean loaded = List.of(preload.split(",")).stream().map(String::strip).map(s -> s.replace("\"", ""))
			.anyMatch("pg_stat_statements"::equals);
		return loaded
				? new StatementsUnavailable(UnavailableReason.EXTENSION_NOT_INSTALLED,
						"The server loads pg_stat_statements but the extension is not created in this database",
						"CREATE EXTENSION pg_stat_statements;")
				: new StatementsUnavailable(UnavailableReason.EXTENSION_NOT_LOADED,
						"pg_stat_statements is not installed: showing the statements running now instead", ENABLE_HINT);
	}

	private static TopStatements statistics(Connection c, int limit, Duration timeout) throws SQLException {
		// PostgreSQL 13 split planning from execution time and renamed the columns
		boolean split = c.getMetaData().getDatabaseMajorVersion() >= 13;
		// the extension's views live in the schema it was created in, which need not be on the search path
		String schema = PostgresAdvice.q(CatalogJdbc.queryOne(c, timeout, "SELECT n.nspname FROM pg_extension e "
				+ "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'",
				rs -> rs.getString(1)).orElse("public"));
		String sql = split ? STATEMENTS.formatted("total_exec_time", "mean_exec_time", "max_exec_time", schema)
				: STATEMENTS.formatted("total_time", "mean_time", "max_time", schema);
		List<StatementStat> rows = CatalogJdbc.query(c, timeout, sql,
				rs -> new StatementStat(rs.getString("id"), text(rs.getString("query")), null, rs.getString("rolname"),
						rs.getLong("calls"), rs.getDouble("total"), rs.getDouble("mean"), rs.getDouble("max"),
						CatalogJdbc.getLong(rs, "rows")),
				limit, limit);
		OffsetDateTime since = null;
		if (split) {
			try {
				since = CatalogJdbc.queryOne(c, timeout, "SELECT stats_reset FROM " + schema + ".pg_stat_statements_info",
						rs -> CatalogJdbc.getTime(rs, "stats_reset")).orElse(null);
			}
			catch (SQLException e) {
				// pg_stat_statements before 1.9 has no info view; the start is then unknown
				recover(c);
			}
		}
		return new TopStatements(StatementSource.STATEMENT_STATISTICS, rows, since, null);
	}

	private static List<StatementStat> activity(Connection c, int limit, Duration timeout) throws SQLException {
		return CatalogJdbc.query(c, timeout, ACTIVITY, rs -> {
			double ms = rs.getDouble("ms");
			return new StatementStat(null, text(rs.getString("query")), null, rs.getString("usename"), 1, ms, ms, ms,
					null);
		}, limit);
	}

	/** After a failed statement inside a transaction, the next one needs it rolled back. */
	static void recover(Connection c) throws SQLException {
		if (!c.getAutoCommit()) {
			c.rollback();
		}
	}

	/** Statement texts are capped: one statement can be megabytes. */
	static String text(@Nullable String query) {
		if (query == null) {
			return "";
		}
		return query.length() <= 4000 ? query : query.substring(0, 4000) + " …";
	}

	@Override
	public Advice advice(TargetPool pool, ConnectionSpec spec, int limit, Duration timeout) {
		return CatalogJdbc.withConnection(pool, c -> PostgresAdvice.read(c, limit, timeout));
	}

	static Map<String, String> evidence(Object... pairs) {
		Map<String, String> out = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				out.put(String.valueOf(pairs[i]), String.valueOf(pairs[i + 1]));
			}
		}
		return out;
	}
}
