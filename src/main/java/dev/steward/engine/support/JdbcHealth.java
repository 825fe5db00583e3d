package dev.steward.engine.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.TargetPool;

/**
 * The part of a health sample every JDBC engine shares: borrow a connection (bounded by the pool's connect
 * timeout), time a trivial round trip, read the version from the driver's metadata, then let the engine read its
 * figures part by part; a failing part is recorded and the others still run.
 */
public final class JdbcHealth {

	private JdbcHealth() {
	}

	/** One group of figures read with one or two statements. */
	@FunctionalInterface
	public interface Part {

		void read(Connection connection, Duration timeout, Map<HealthMetric, Double> into) throws SQLException;
	}

	public static HealthSample sample(TargetPool pool, Duration timeout, String ping, List<Part> parts) {
		Instant at = Instant.now();
		long start = System.nanoTime();
		if (!(pool instanceof JdbcTargetPool jdbc)) {
			return HealthSample.unreachable(at, 0, "not a JDBC pool: " + pool.engine());
		}
		try (Connection c = jdbc.dataSource().getConnection()) {
			try (PreparedStatement ps = CatalogJdbc.prepare(c, timeout, ping); ResultSet rs = ps.executeQuery()) {
				rs.next();
			}
			long latency = (System.nanoTime() - start) / 1_000_000;
			String version = c.getMetaData().getDatabaseProductVersion();
			Map<HealthMetric, Double> values = new EnumMap<>(HealthMetric.class);
			values.put(HealthMetric.LATENCY, (double) latency);
			List<String> errors = new ArrayList<>();
			for (Part part : parts) {
				try {
					part.read(c, timeout, values);
				}
				catch (SQLException | RuntimeException e) {
					errors.add(String.valueOf(e.getMessage()));
				}
			}
			usage(values);
			return new HealthSample(at, true, latency, version, values, errors);
		}
		catch (SQLException | RuntimeException e) {
			return HealthSample.unreachable(at, (System.nanoTime() - start) / 1_000_000, String.valueOf(e.getMessage()));
		}
	}

	/** Connections used as a percentage of the maximum, when both are known. */
	public static void usage(Map<HealthMetric, Double> values) {
		Double used = values.get(HealthMetric.CONNECTIONS);
		Double max = values.get(HealthMetric.MAX_CONNECTIONS);
		if (used != null && max != null && max > 0) {
			values.put(HealthMetric.CONNECTION_USAGE, 100.0 * used / max);
		}
	}

	/** {@code hit / (hit + miss)} in percent; nothing when neither happened yet. */
	public static void ratio(Map<HealthMetric, Double> values, HealthMetric target, @Nullable Double hits,
			@Nullable Double misses) {
		if (hits != null && misses != null && hits + misses > 0) {
			values.put(target, 100.0 * hits / (hits + misses));
		}
	}

	public static void put(Map<HealthMetric, Double> values, HealthMetric metric, ResultSet rs, String column)
			throws SQLException {
		double v = rs.getDouble(column);
		if (!rs.wasNull()) {
			values.put(metric, v);
		}
	}
}
