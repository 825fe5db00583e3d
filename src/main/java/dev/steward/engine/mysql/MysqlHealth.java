package dev.steward.engine.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

/** MySQL/MariaDB health from {@code SHOW GLOBAL STATUS}, {@code @@max_connections} and the schema's table sizes. */
@Component
class MysqlHealth implements HealthSampling {

	/** Status variable (lower case) → figure. */
	private static final Map<String, HealthMetric> STATUS = Map.ofEntries(
			Map.entry("threads_connected", HealthMetric.CONNECTIONS),
			Map.entry("threads_running", HealthMetric.THREADS_RUNNING),
			Map.entry("questions", HealthMetric.QUESTIONS),
			Map.entry("slow_queries", HealthMetric.SLOW_QUERIES),
			Map.entry("com_commit", HealthMetric.COMMITS),
			Map.entry("com_rollback", HealthMetric.ROLLBACKS),
			Map.entry("innodb_buffer_pool_reads", HealthMetric.BUFFER_POOL_READS),
			Map.entry("innodb_buffer_pool_read_requests", HealthMetric.BUFFER_POOL_READ_REQUESTS),
			Map.entry("innodb_row_lock_waits", HealthMetric.ROW_LOCK_WAITS),
			Map.entry("aborted_connects", HealthMetric.ABORTED_CONNECTS));

	private static final String STATUS_SQL = "SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected', "
			+ "'Threads_running', 'Questions', 'Slow_queries', 'Com_commit', 'Com_rollback', 'Innodb_buffer_pool_reads', "
			+ "'Innodb_buffer_pool_read_requests', 'Innodb_row_lock_waits', 'Aborted_connects')";

	private static final String SIZE_SQL = "SELECT @@max_connections AS max_connections, (SELECT coalesce(sum("
			+ "data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()) AS size";

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public HealthSample sample(TargetPool pool, ConnectionSpec spec, Duration timeout) {
		return JdbcHealth.sample(pool, timeout, "SELECT 1", List.of(MysqlHealth::status, MysqlHealth::sizes));
	}

	private static void status(Connection c, Duration timeout, Map<HealthMetric, Double> v) throws SQLException {
		try (PreparedStatement ps = CatalogJdbc.prepare(c, timeout, STATUS_SQL); ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				HealthMetric metric = STATUS.get(rs.getString(1).toLowerCase(Locale.ROOT));
				if (metric != null) {
					v.put(metric, Double.parseDouble(rs.getString(2)));
				}
			}
		}
		Double reads = v.get(HealthMetric.BUFFER_POOL_READS);
		Double requests = v.get(HealthMetric.BUFFER_POOL_READ_REQUESTS);
		if (reads != null && requests != null && requests > 0) {
			// read requests include the ones that had to go to disk (the reads)
			v.put(HealthMetric.CACHE_HIT_RATIO, 100.0 * Math.max(0, requests - reads) / requests);
		}
	}

	private static void sizes(Connection c, Duration timeout, Map<HealthMetric, Double> v) throws SQLException {
		try (PreparedStatement ps = CatalogJdbc.prepare(c, timeout, SIZE_SQL); ResultSet rs = ps.executeQuery()) {
			if (rs.next()) {
				JdbcHealth.put(v, HealthMetric.MAX_CONNECTIONS, rs, "max_connections");
				JdbcHealth.put(v, HealthMetric.DATABASE_SIZE, rs, "size");
			}
		}
	}
}
