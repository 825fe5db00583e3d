package dev.steward.engine.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

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
import dev.steward.engine.SqlLiterals;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.CatalogJdbc;

/**
 * MySQL/MariaDB statements from {@code performance_schema.events_statements_summary_by_digest} when
 * performance_schema is on, otherwise the statements running now from the process list; advice in
 * {@link MysqlAdvice}. Scoped to the connection's database when it names one.
 */
@Component
class MysqlPerformance implements PerformanceInsight {

	static final String ENABLE_HINT = "Set performance_schema = ON in the [mysqld] section of the server's "
			+ "configuration (my.cnf) and restart the server; it cannot be switched on while the server runs";

	/** Timers are in picoseconds. Both top-N lists in one statement, each digest once. */
	private static final String DIGESTS = """
			SELECT * FROM (SELECT * FROM (
			  SELECT DIGEST, DIGEST_TEXT, SCHEMA_NAME, COUNT_STAR, SUM_TIMER_WAIT / 1e9 AS total_ms,
			    AVG_TIMER_WAIT / 1e9 AS mean_ms, MAX_TIMER_WAIT / 1e9 AS max_ms,
			    SUM_ROWS_SENT + SUM_ROWS_AFFECTED AS row_count
			  FROM performance_schema.events_statements_summary_by_digest
			  WHERE COUNT_STAR > 0 AND DIGEST_TEXT IS NOT NULL AND (? IS NULL OR SCHEMA_NAME = ?)
			  ORDER BY SUM_TIMER_WAIT DESC LIMIT ?) t
			UNION
			SELECT * FROM (
			  SELECT DIGEST, DIGEST_TEXT, SCHEMA_NAME, COUNT_STAR, SUM_TIMER_WAIT / 1e9 AS total_ms,
			    AVG_TIMER_WAIT / 1e9 AS mean_ms, MAX_TIMER_WAIT / 1e9 AS max_ms,
			    SUM_ROWS_SENT + SUM_ROWS_AFFECTED AS row_count
			  FROM performance_schema.events_statements_summary_by_digest
			  WHERE COUNT_STAR > 0 AND DIGEST_TEXT IS NOT NULL AND (? IS NULL OR SCHEMA_NAME = ?)
			  ORDER BY AVG_TIMER_WAIT DESC LIMIT ?) m) u
			ORDER BY total_ms DESC""";

	private static final String PROCESSES = """
			SELECT INFO, USER, DB, TIME
			FROM information_schema.PROCESSLIST
			WHERE COMMAND = 'Query' AND ID <> CONNECTION_ID() AND INFO IS NOT NULL AND (? IS NULL OR DB = ?)
			ORDER BY TIME DESC LIMIT ?""";

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public PerformanceFeatures features() {
		return new PerformanceFeatures(true, true, EnumSet.of(FindingKind.UNUSED_INDEX, FindingKind.DUPLICATE_INDEX,
				FindingKind.OVERLAPPING_INDEX, FindingKind.FOREIGN_KEY_WITHOUT_INDEX,
				FindingKind.SEQUENCE_NEAR_EXHAUSTION));
	}

	@Override
	public String maskLiterals(String sql) {
		return SqlLiterals.mask(sql, true);
	}

	@Override
	public TopStatements topStatements(TargetPool pool, ConnectionSpec spec, int limit, Duration timeout) {
		String db = spec.database();
		return CatalogJdbc.withConnection(pool, c -> {
			StatementsUnavailable unavailable;
			if (performanceSchemaOn(c, timeout)) {
				try {
					List<StatementStat> rows = CatalogJdbc.query(c, timeout, DIGESTS,
							rs -> new StatementStat(rs.getString("DIGEST"), text(rs.getString("DIGEST_TEXT")),
									rs.getString("SCHEMA_NAME"), null, rs.getLong("COUNT_STAR"), rs.getDouble("total_ms"),
									rs.getDouble("mean_ms"), rs.getDouble("max_ms"), CatalogJdbc.getLong(rs, "row_count")),
							db, db, limit, db, db, limit);
					return new TopStatements(StatementSource.STATEMENT_STATISTICS, rows, null, null);
				}
				catch (SQLException e) {
					if (e.getErrorCode() != 1142 && e.getErrorCode() != 1044) {
						throw e;
					}
					unavailable = new StatementsUnavailable(UnavailableReason.NO_PRIVILEGE,
							"This connection's user may not read performance_schema: " + e.getMessage(),
							"GRANT SELECT ON performance_schema.* TO the connection's user");
				}
			}
			else {
				unavailable = new StatementsUnavailable(UnavailableReason.INSTRUMENTATION_OFF,
						"performance_schema is off on this server: showing the statements running now instead",
						ENABLE_HINT);
			}
			List<StatementStat> running = CatalogJdbc.query(c, timeout, PROCESSES, rs -> {
				double ms = rs.getLong("TIME") * 1000.0;
				return new StatementStat(null, text(rs.getString("INFO")), rs.getString("DB"), rs.getString("USER"), 1,
						ms, ms, ms, null);
			}, db, db, limit);
			return new TopStatements(StatementSource.ACTIVITY_SAMPLE, running, null, unavailable);
		});
	}

	static boolean performanceSchemaOn(Connection c, Duration timeout) throws SQLException {
		return CatalogJdbc.queryOne(c, timeout, "SELECT @@performance_schema", rs -> rs.getInt(1) == 1).orElse(false);
	}

	static String text(@Nullable String query) {
		if (query == null) {
			return "";
		}
		return query.length() <= 4000 ? query : query.substring(0, 4000) + " …";
	}

	@Override
	public Advice advice(TargetPool pool, ConnectionSpec spec, int limit, Duration timeout) {
		return CatalogJdbc.withConnection(pool, c -> MysqlAdvice.read(c, spec.database(), limit, timeout));
	}
}
