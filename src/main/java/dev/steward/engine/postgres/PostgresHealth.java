package dev.steward.engine.postgres;

import static dev.steward.engine.support.JdbcHealth.put;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.HealthSampling;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.JdbcHealth;

/**
 * PostgreSQL health from {@code pg_stat_activity} (sessions of the whole server, as {@code max_connections} is
 * the server's) and {@code pg_stat_database} (counters of the connection's own database): two statements.
 */
@Component
class PostgresHealth implements HealthSampling {

	private static final String ACTIVITY = """
			SELECT count(*) AS connections,
			  count(*) FILTER (WHERE state = 'active') AS active,
			  count(*) FILTER (WHERE state = 'idle') AS idle,
			  count(*) FILTER (WHERE state LIKE 'idle in transaction%') AS idle_in_tx,
			  count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting,
			  count(*) FILTER (WHERE cardinality(pg_blocking_pids(pid)) > 0) AS blocked,
			  coalesce(extract(epoch FROM max(now() - query_start)
			    FILTER (WHERE state = 'active' AND pid <> pg_backend_pid())), 0) AS longest_query,
			  coalesce(extract(epoch FROM max(now() - xact_start) FILTER (WHERE pid <> pg_backend_pid())), 0)
			    AS longest_xact,
			  current_setting('max_connections')::int AS max_connections
			FROM pg_stat_activity WHERE backend_type = 'client backend'""";

	private static final String DATABASE = """
			SELECT s.xact_commit, s.xact_rollback, s.tup_returned, s.tup_fetched, s.tup_inserted, s.tup_updated,
			  s.tup_deleted, s.blks_read, s.blks_hit, s.deadlocks, s.temp_bytes,
			  pg_database_size(d.oid) AS size, age(d.datfrozenxid) AS xid_age
			FROM pg_stat_database s JOIN pg_database d ON d.oid = s.datid
			WHERE d.datname = current_database()""";

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public HealthSample sample(TargetPool pool, ConnectionSpec spec, Duration timeout) {
		return JdbcHealth.sample(pool, timeout, "SELECT 1", List.of(PostgresHealth::activity, PostgresHealth::database));
	}

	private static void activity(Connection c, Duration timeout, Map<HealthMetric, Double> v) throws SQLException {
		try (PreparedStatement ps = CatalogJdbc.prepare(c, timeout, ACTIVITY); ResultSet rs = ps.executeQuery()) {
			if (rs.next()) {
				put(v, HealthMetric.CONNECTIONS, rs, "connections");
				put(v, HealthMetric.MAX_CONNECTIONS, rs, "max_connections");
				put(v, HealthMetric.SESSIONS_ACTIVE, rs, "active");
				put(v, HealthMetric.SESSIONS_IDLE, rs, "idle");
				put(v, HealthMetric.SESSIONS_IDLE_IN_TRANSACTION, rs, "idle_in_tx");
				put(v, HealthMetric.SESSIONS_WAITING, rs, "waiting");
				put(v, HealthMetric.BLOCKED_SESSIONS, rs, "blocked");
				put(v, HealthMetric.LONGEST_QUERY, rs, "longest_query");
				put(v, HealthMetric.LONGEST_TRANSACTION, rs, "longest_xact");
			}
		}
	}

	private static void database(Connection c, Duration timeout, Map<HealthMetric, Double> v) throws SQLException {
		try (PreparedStatement ps = CatalogJdbc.prepare(c, timeout, DATABASE); ResultSet rs = ps.executeQuery()) {
			if (rs.next()) {
				put(v, HealthMetric.COMMITS, rs, "xact_commit");
				put(v, HealthMetric.ROLLBACKS, rs, "xact_rollback");
				put(v, HealthMetric.TUPLES_RETURNED, rs, "tup_returned");
				put(v, HealthMetric.TUPLES_FETCHED, rs, "tup_fetched");
				put(v, HealthMetric.TUPLES_INSERTED, rs, "tup_inserted");
				put(v, HealthMetric.TUPLES_UPDATED, rs, "tup_updated");
				put(v, HealthMetric.TUPLES_DELETED, rs, "tup_deleted");
				put(v, HealthMetric.BLOCKS_READ, rs, "blks_read");
				put(v, HealthMetric.BLOCKS_HIT, rs, "blks_hit");
				put(v, HealthMetric.DEADLOCKS, rs, "deadlocks");
				put(v, HealthMetric.TEMP_BYTES, rs, "temp_bytes");
				put(v, HealthMetric.DATABASE_SIZE, rs, "size");
				put(v, HealthMetric.XID_AGE, rs, "xid_age");
				JdbcHealth.ratio(v, HealthMetric.CACHE_HIT_RATIO, v.get(HealthMetric.BLOCKS_HIT),
						v.get(HealthMetric.BLOCKS_READ));
			}
		}
	}
}
