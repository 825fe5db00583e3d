package dev.steward.engine.postgres;

import static dev.steward.engine.postgres.PostgresAdvice.finding;
import static dev.steward.engine.postgres.PostgresAdvice.q;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.PerformanceModel.AdviceFinding;
import dev.steward.engine.PerformanceModel.FindingKind;
import dev.steward.engine.PerformanceModel.FindingSeverity;
import dev.steward.engine.support.CatalogJdbc;

/**
 * The thresholds of PostgreSQL's table, sequence and wraparound advice. They follow autovacuum's own defaults
 * (a table is due once a fifth of it changed) so a finding means autovacuum is behind, not merely busy.
 */
final class PostgresTableAdvice {

	/** Tables smaller than this are not worth an index for sequential scans. */
	static final long LARGE_TABLE_BYTES = 50L * 1024 * 1024;

	static final long LARGE_TABLE_ROWS = 100_000;

	static final int STALE_DAYS = 7;

	static final long DEAD_TUPLES_MIN = 10_000;

	/** Wraparound happens near 2^31 transactions; warn at 1.2 billion as PostgreSQL's own docs suggest alarms do. */
	static final long XID_CRITICAL = 1_200_000_000L;

	record TableFacts(String schema, String name, long estRows, long bytes, long seqScans, long seqRowsRead,
			long idxScans, long live, long dead, long modifiedSinceAnalyze, @Nullable OffsetDateTime vacuumed,
			@Nullable OffsetDateTime analyzed, long xidAge) {

		String object() {
			return schema + "." + name;
		}

		String quoted() {
			return q(schema) + "." + q(name);
		}
	}

	private PostgresTableAdvice() {
	}

	static TableFacts table(ResultSet rs) throws SQLException {
		return new TableFacts(rs.getString("schemaname"), rs.getString("relname"), rs.getLong("est_rows"),
				rs.getLong("bytes"), rs.getLong("seq_scan"), rs.getLong("seq_tup_read"), rs.getLong("idx_scan"),
				rs.getLong("n_live_tup"), rs.getLong("n_dead_tup"), rs.getLong("n_mod_since_analyze"),
				CatalogJdbc.getTime(rs, "vacuumed"), CatalogJdbc.getTime(rs, "analyzed"), rs.getLong("xid_age"));
	}

	static void tables(List<TableFacts> tables, List<AdviceFinding> out) {
		OffsetDateTime stale = OffsetDateTime.now().minusDays(STALE_DAYS);
		for (TableFacts t : tables) {
			long rows = Math.max(t.live(), t.estRows());
			if (t.analyzed() == null && (t.live() > 0 || t.modifiedSinceAnalyze() > 0)) {
				out.add(finding(FindingKind.NEVER_ANALYZED, rows >= 1000 ? FindingSeverity.WARNING : FindingSeverity.INFO, t.schema(),
						t.object(), "Table " + t.object() + " has never been analyzed: the planner guesses its size "
								+ "and value distribution",
						"ANALYZE " + t.quoted() + ";", "live rows", t.live(), "modified since analyze",
						t.modifiedSinceAnalyze()));
			}
			else if (t.analyzed() != null && t.analyzed().isBefore(stale)
					&& t.modifiedSinceAnalyze() > Math.max(1000, t.live() / 5)) {
				out.add(finding(FindingKind.STALE_STATISTICS, FindingSeverity.WARNING, t.schema(), t.object(),
						"Statistics of " + t.object() + " are old and a large part of it changed since",
						"ANALYZE " + t.quoted() + ";", "last analyzed", t.analyzed(), "modified since analyze",
						t.modifiedSinceAnalyze(), "live rows", t.live()));
			}
			double deadShare = t.live() + t.dead() == 0 ? 0 : (double) t.dead() / (t.live() + t.dead());
			if (t.dead() >= DEAD_TUPLES_MIN && deadShare >= 0.2) {
				long wasted = (long) (t.bytes() * deadShare);
				boolean severe = deadShare >= 0.5 && t.bytes() >= 1024L * 1024 * 1024;
				out.add(finding(FindingKind.DEAD_TUPLES, severe ? FindingSeverity.CRITICAL : FindingSeverity.WARNING, t.schema(),
						t.object(), "About " + Math.round(deadShare * 100) + " % of " + t.object() + " is dead rows "
								+ "(an estimated " + wasted + " bytes); VACUUM makes the space reusable, VACUUM FULL "
								+ "gives it back but locks the table",
						"VACUUM (ANALYZE) " + t.quoted() + ";", "dead rows", t.dead(), "live rows", t.live(),
						"table bytes", t.bytes(), "estimated bloat bytes", wasted, "last vacuum", t.vacuumed()));
			}
			else if (t.dead() >= 1000 && (t.vacuumed() == null || t.vacuumed().isBefore(stale))) {
				out.add(finding(FindingKind.NOT_VACUUMED, FindingSeverity.INFO, t.schema(), t.object(),
						"Table " + t.object() + (t.vacuumed() == null ? " has never been vacuumed"
								: " has not been vacuumed for over " + STALE_DAYS + " days") + " and has dead rows",
						"VACUUM (ANALYZE) " + t.quoted() + ";", "dead rows", t.dead(), "last vacuum", t.vacuumed()));
			}
			boolean large = t.bytes() >= LARGE_TABLE_BYTES || rows >= LARGE_TABLE_ROWS;
			if (large && t.seqScans() >= 50 && t.seqScans() > t.idxScans()) {
				out.add(finding(FindingKind.SEQUENTIAL_SCANS, FindingSeverity.WARNING, t.schema(), t.object(),
						"Large table " + t.object() + " is read mostly by sequential scans: find the statements in "
								+ "Top queries, EXPLAIN them, and index the columns they filter or join on",
						null, "sequential scans", t.seqScans(), "rows read by them", t.seqRowsRead(), "index scans",
						t.idxScans(), "table bytes", t.bytes(), "estimated rows", rows));
			}
		}
	}

	static void sequence(ResultSet rs, List<AdviceFinding> out) throws SQLException {
		String schema = rs.getString("schemaname");
		String name = rs.getString("sequencename");
		String type = rs.getString("data_type");
		double last = rs.getDouble("last_value");
		double min = rs.getDouble("min_value");
		double max = rs.getDouble("max_value");
		boolean ascending = rs.getLong("increment_by") > 0;
		double used = max <= min ? 0 : (ascending ? last - min : max - last) / (max - min);
		if (used < 0.75) {
			return;
		}
		boolean widen = !"bigint".equals(type);
		out.add(finding(FindingKind.SEQUENCE_NEAR_EXHAUSTION, used >= 0.9 ? FindingSeverity.CRITICAL : FindingSeverity.WARNING,
				schema, schema + "." + name,
				"Sequence " + schema + "." + name + " has used " + Math.round(used * 100) + " % of its range"
						+ (widen ? "; widen it (and the columns it feeds) to bigint" : "; it cannot grow further"),
				widen ? "ALTER SEQUENCE " + q(schema) + "." + q(name) + " AS bigint;" : null, "type", type,
				"last value", rs.getString("last_value"), "max value", rs.getString("max_value")));
	}

	static void wraparound(long xidAge, long freezeMaxAge, List<AdviceFinding> out) {
		if (xidAge < freezeMaxAge) {
			return;
		}
		out.add(finding(FindingKind.TRANSACTION_ID_WRAPAROUND, xidAge >= XID_CRITICAL ? FindingSeverity.CRITICAL
				: FindingSeverity.WARNING, null, "database",
				"The database's oldest unfrozen transaction id is " + xidAge + " transactions old, past "
						+ "autovacuum_freeze_max_age: autovacuum is not keeping up; at about 2 billion the server "
						+ "stops accepting writes",
				"VACUUM (FREEZE, ANALYZE);", "transaction id age", xidAge, "autovacuum_freeze_max_age", freezeMaxAge));
	}
}
