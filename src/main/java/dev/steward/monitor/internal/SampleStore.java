package dev.steward.monitor.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.monitor.Resolution;

/**
 * The {@code monitor_samples} and {@code monitor_rollups} tables: batched writes, series reads and trimming.
 * Rollups themselves are {@link Rollups}'.
 */
@Component
public class SampleStore {

	/** One stored value of one series. */
	public record Point(UUID connectionId, String metric, Instant at, double value) {
	}

	/** One stored bucket (raw samples are buckets of one with min = max = avg). */
	public record Bucket(Instant at, double avg, double min, double max, long count) {
	}

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	public SampleStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
	}

	public void write(Collection<Point> points) {
		if (points.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(points.size());
		for (Point p : points) {
			rows.add(new Object[] { p.connectionId(), p.metric(), utc(p.at()), p.value() });
		}
		jdbcTemplate.batchUpdate(
				"INSERT INTO monitor_samples (connection_id, metric, sampled_at, metric_value) VALUES (?, ?, ?, ?)",
				rows);
	}

	/** Stored buckets of one series in {@code [from, to)}, oldest first. */
	public List<Bucket> read(Resolution resolution, UUID connectionId, String metric, Instant from, Instant to) {
		if (resolution == Resolution.RAW) {
			return jdbc.sql("""
					SELECT sampled_at, metric_value FROM monitor_samples
					WHERE connection_id = :c AND metric = :m AND sampled_at >= :from AND sampled_at < :to
					ORDER BY sampled_at""")
				.param("c", connectionId).param("m", metric).param("from", utc(from)).param("to", utc(to))
				.query((rs, i) -> {
					double v = rs.getDouble(2);
					return new Bucket(instant(rs.getObject(1, OffsetDateTime.class)), v, v, v, 1);
				})
				.list();
		}
		return jdbc.sql("""
				SELECT bucket, avg_value, min_value, max_value, sample_count FROM monitor_rollups
				WHERE resolution = :r AND connection_id = :c AND metric = :m AND bucket >= :from AND bucket < :to
				ORDER BY bucket""")
			.param("r", resolution.name()).param("c", connectionId).param("m", metric).param("from", utc(from))
			.param("to", utc(to))
			.query((rs, i) -> new Bucket(instant(rs.getObject(1, OffsetDateTime.class)), rs.getDouble(2),
					rs.getDouble(3), rs.getDouble(4), rs.getLong(5)))
			.list();
	}

	/** Deletes raw samples before {@code rawBefore} and rollups of each resolution before its limit. */
	public int trim(Instant rawBefore, Instant minutesBefore, Instant hoursBefore) {
		int n = jdbc.sql("DELETE FROM monitor_samples WHERE sampled_at < :t").param("t", utc(rawBefore)).update();
		n += jdbc.sql("DELETE FROM monitor_rollups WHERE resolution = 'MINUTE' AND bucket < :t")
			.param("t", utc(minutesBefore)).update();
		n += jdbc.sql("DELETE FROM monitor_rollups WHERE resolution = 'HOUR' AND bucket < :t")
			.param("t", utc(hoursBefore)).update();
		return n;
	}

	/** Everything stored for a connection that was deleted. */
	public void forget(UUID connectionId) {
		jdbc.sql("DELETE FROM monitor_samples WHERE connection_id = :c").param("c", connectionId).update();
		jdbc.sql("DELETE FROM monitor_rollups WHERE connection_id = :c").param("c", connectionId).update();
	}

	/** Row counts (raw, minute, hour), for the benchmark's growth figures. */
	public long[] counts() {
		long raw = jdbc.sql("SELECT count(*) FROM monitor_samples").query(Long.class).single();
		long minute = jdbc.sql("SELECT count(*) FROM monitor_rollups WHERE resolution = 'MINUTE'").query(Long.class)
			.single();
		long hour = jdbc.sql("SELECT count(*) FROM monitor_rollups WHERE resolution = 'HOUR'").query(Long.class)
			.single();
		return new long[] { raw, minute, hour };
	}

	static OffsetDateTime utc(Instant at) {
		return at.atOffset(ZoneOffset.UTC);
	}

	static Instant instant(OffsetDateTime t) {
		return t.toInstant();
	}
}
