package dev.steward.monitor.internal;

import static dev.steward.monitor.internal.SampleStore.utc;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.monitor.Resolution;

/**
 * Rolls raw samples up into 1-minute buckets and those into 1-hour buckets (avg, min, max, count). Each
 * resolution has a watermark in {@code monitor_rollup_state}; a stretch is claimed by moving the watermark with a
 * compare-and-set in the same transaction as the inserts, so with several instances each stretch is rolled up
 * exactly once. The first watermark is the oldest row retention still keeps. Stretches are at most an hour (a day for hours) so catching up never holds much in memory.
 */
@Component
public class Rollups {

	private record Key(UUID connectionId, String metric, Instant bucket) {
	}

	private static final class Acc {

		double sum;

		double min = Double.POSITIVE_INFINITY;

		double max = Double.NEGATIVE_INFINITY;

		long count;

		void add(double avg, double lo, double hi, long n) {
			sum += avg * n;
			min = Math.min(min, lo);
			max = Math.max(max, hi);
			count += n;
		}
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transaction;

	public Rollups(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.transaction = transaction;
	}

	/**
	 * Rolls up what is complete by {@code now - lag}: raw to minutes, then minutes to hours. Returns the rows written.
	 */
	public int rollUp(Instant now, Duration lag, Duration rawRetention, Duration minuteRetention) {
		Instant until = now.minus(lag);
		int written = roll(Resolution.MINUTE, until.truncatedTo(ChronoUnit.MINUTES), Duration.ofHours(1),
				now.minus(rawRetention));
		written += roll(Resolution.HOUR, until.truncatedTo(ChronoUnit.HOURS), Duration.ofDays(1),
				now.minus(minuteRetention));
		return written;
	}

	private int roll(Resolution target, Instant until, Duration maxStretch, Instant earliest) {
		int written = 0;
		for (int i = 0; i < 10_000; i++) {
			Instant from = watermark(target, until, earliest);
			if (!from.isBefore(until)) {
				return written;
			}
			Instant to = from.plus(maxStretch).isBefore(until) ? from.plus(maxStretch) : until;
			Integer rows = transaction.execute(tx -> claimAndRoll(target, from, to));
			if (rows == null || rows < 0) {
				return written; // another instance moved the watermark: it does this stretch
			}
			written += rows;
		}
		return written;
	}

	private int claimAndRoll(Resolution target, Instant from, Instant to) {
		int claimed = jdbc.sql("UPDATE monitor_rollup_state SET rolled_until = :to WHERE resolution = :r AND rolled_until = :from")
			.param("to", utc(to)).param("r", target.name()).param("from", utc(from)).update();
		if (claimed != 1) {
			return -1;
		}
		return aggregate(target, from, to);
	}

	/**
	 * Aggregates {@code [from, to)} (whole minutes or hours) of the finer level into {@code target} buckets and writes
	 * them, without the watermark: the caller has claimed the stretch (or, in tests, owns the times).
	 */
	public int aggregate(Resolution target, Instant from, Instant to) {
		Map<Key, Acc> buckets = new HashMap<>();
		if (target == Resolution.MINUTE) {
			jdbc.sql("SELECT connection_id, metric, sampled_at, metric_value FROM monitor_samples "
					+ "WHERE sampled_at >= :from AND sampled_at < :to")
				.param("from", utc(from)).param("to", utc(to))
				.query(rs -> {
					Instant at = rs.getObject(3, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MINUTES);
					double v = rs.getDouble(4);
					buckets.computeIfAbsent(new Key(rs.getObject(1, UUID.class), rs.getString(2), at), k -> new Acc())
						.add(v, v, v, 1);
				});
		}
		else {
			jdbc.sql("SELECT connection_id, metric, bucket, avg_value, min_value, max_value, sample_count "
					+ "FROM monitor_rollups WHERE resolution = 'MINUTE' AND bucket >= :from AND bucket < :to")
				.param("from", utc(from)).param("to", utc(to))
				.query(rs -> {
					Instant at = rs.getObject(3, OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.HOURS);
					buckets.computeIfAbsent(new Key(rs.getObject(1, UUID.class), rs.getString(2), at), k -> new Acc())
						.add(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getLong(7));
				});
		}
		List<Object[]> rows = new ArrayList<>(buckets.size());
		buckets.forEach((k, a) -> rows.add(new Object[] { target.name(), k.connectionId(), k.metric(), utc(k.bucket()),
				a.sum / a.count, a.min, a.max, a.count }));
		jdbcTemplate.batchUpdate("INSERT INTO monitor_rollups (resolution, connection_id, metric, bucket, avg_value, "
				+ "min_value, max_value, sample_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
		return rows.size();
	}

	/**
	 * Where rolling up {@code target} continues. The first time: at the oldest thing to roll up (or at
	 * {@code until} when there is nothing), so a fresh store does not walk back through empty years.
	 */
	private Instant watermark(Resolution target, Instant until, Instant earliest) {
		List<OffsetDateTime> state = jdbc.sql("SELECT rolled_until FROM monitor_rollup_state WHERE resolution = :r")
			.param("r", target.name()).query(OffsetDateTime.class).list();
		if (!state.isEmpty()) {
			return state.get(0).toInstant();
		}
		String oldest = target == Resolution.MINUTE ? "SELECT min(sampled_at) FROM monitor_samples"
				: "SELECT min(bucket) FROM monitor_rollups WHERE resolution = 'MINUTE'";
		List<OffsetDateTime> first = jdbc.sql(oldest).query(OffsetDateTime.class).list();
		ChronoUnit unit = target == Resolution.MINUTE ? ChronoUnit.MINUTES : ChronoUnit.HOURS;
		// never before what retention still keeps: older rows are about to go anyway
		Instant start = first.isEmpty() || first.get(0) == null ? until
				: (first.get(0).toInstant().isBefore(earliest) ? earliest : first.get(0).toInstant()).truncatedTo(unit);
		if (start.isAfter(until)) {
			start = until;
		}
		try {
			jdbc.sql("INSERT INTO monitor_rollup_state (resolution, rolled_until) VALUES (:r, :t)")
				.param("r", target.name()).param("t", utc(start)).update();
			return start;
		}
		catch (DuplicateKeyException e) {
			return watermark(target, until, earliest);
		}
	}
}
