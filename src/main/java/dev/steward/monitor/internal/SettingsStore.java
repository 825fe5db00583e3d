package dev.steward.monitor.internal;

import static dev.steward.monitor.internal.SampleStore.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.monitor.MonitorStatus;

/**
 * The {@code monitor_settings} table: whether and how often each connection is sampled, the sampling lease, and
 * the latest outcome (status, figures, raw counters for the next rate).
 */
@Component
public class SettingsStore {

	/** A row. {@code figuresJson} and {@code countersJson} are small JSON objects written by {@link Sampler}. */
	public record Row(UUID connectionId, boolean enabled, int intervalSeconds, Instant nextDueAt,
			@Nullable Instant lastSampleAt, @Nullable MonitorStatus lastStatus, @Nullable String lastError,
			@Nullable String figuresJson, @Nullable String countersJson) {
	}

	/** What one sample leaves behind. */
	public record Outcome(Instant sampledAt, MonitorStatus status, @Nullable String error, String figuresJson,
			String countersJson) {
	}

	private final JdbcClient jdbc;

	public SettingsStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Row> find(UUID connectionId) {
		return jdbc.sql("SELECT * FROM monitor_settings WHERE connection_id = :c").param("c", connectionId)
			.query((rs, i) -> row(rs)).optional();
	}

	public Map<UUID, Row> all() {
		return jdbc.sql("SELECT * FROM monitor_settings").query((rs, i) -> row(rs)).list().stream()
			.collect(Collectors.toMap(Row::connectionId, Function.identity()));
	}

	/** Switches monitoring on or off; switched on, the first sample is due at once. */
	public void save(UUID connectionId, boolean enabled, int intervalSeconds, Instant now) {
		int updated = jdbc.sql("""
				UPDATE monitor_settings SET enabled = :e, interval_seconds = :i, next_due_at = :now, updated_at = :now
				WHERE connection_id = :c""")
			.param("e", enabled).param("i", intervalSeconds).param("now", utc(now)).param("c", connectionId).update();
		if (updated == 0) {
			try {
				jdbc.sql("""
						INSERT INTO monitor_settings (connection_id, enabled, interval_seconds, next_due_at, updated_at)
						VALUES (:c, :e, :i, :now, :now)""")
					.param("e", enabled).param("i", intervalSeconds).param("now", utc(now)).param("c", connectionId)
					.update();
			}
			catch (DuplicateKeyException e) {
				save(connectionId, enabled, intervalSeconds, now);
			}
		}
	}

	/**
	 * Claims up to {@code max} due connections for {@code owner}: each is leased until {@code leaseUntil} and its
	 * next sample moved one interval on, by a conditional update, so of several instances exactly one wins a
	 * connection and nobody samples it again before its interval has passed.
	 */
	public List<UUID> claimDue(String owner, Instant now, Instant leaseUntil, int max) {
		if (max <= 0) {
			return List.of();
		}
		List<Row> due = jdbc.sql("""
				SELECT * FROM monitor_settings WHERE enabled = TRUE AND next_due_at <= :now
				AND (lease_until IS NULL OR lease_until < :now) ORDER BY next_due_at FETCH FIRST :max ROWS ONLY""")
			.param("now", utc(now)).param("max", max).query((rs, i) -> row(rs)).list();
		List<UUID> claimed = new ArrayList<>();
		for (Row row : due) {
			int won = jdbc.sql("""
					UPDATE monitor_settings SET lease_owner = :o, lease_until = :until, next_due_at = :next
					WHERE connection_id = :c AND enabled = TRUE AND next_due_at = :due
					AND (lease_until IS NULL OR lease_until < :now)""")
				.param("o", owner).param("until", utc(leaseUntil))
				.param("next", utc(now.plusSeconds(row.intervalSeconds()))).param("c", row.connectionId())
				.param("due", utc(row.nextDueAt())).param("now", utc(now)).update();
			if (won == 1) {
				claimed.add(row.connectionId());
			}
		}
		return claimed;
	}

	/** Records a sample's outcome and ends the lease (only the owner's). */
	public void finish(UUID connectionId, String owner, Outcome outcome) {
		jdbc.sql("""
				UPDATE monitor_settings SET lease_owner = NULL, lease_until = NULL, last_sample_at = :at,
				  last_status = :s, last_error = :err, last_figures = :f, last_counters = :k
				WHERE connection_id = :c AND lease_owner = :o""")
			.param("at", utc(outcome.sampledAt())).param("s", outcome.status().name())
			.param("err", cut(outcome.error(), 1000)).param("f", cut(outcome.figuresJson(), 4000))
			.param("k", cut(outcome.countersJson(), 4000)).param("c", connectionId).param("o", owner).update();
	}

	/** Ends a lease without a sample (the connection was switched off or deleted meanwhile). */
	public void release(UUID connectionId, String owner) {
		jdbc.sql("UPDATE monitor_settings SET lease_owner = NULL, lease_until = NULL WHERE connection_id = :c "
				+ "AND lease_owner = :o").param("c", connectionId).param("o", owner).update();
	}

	private static @Nullable String cut(@Nullable String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

	private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
		OffsetDateTime last = rs.getObject("last_sample_at", OffsetDateTime.class);
		String status = rs.getString("last_status");
		return new Row(rs.getObject("connection_id", UUID.class), rs.getBoolean("enabled"),
				rs.getInt("interval_seconds"), rs.getObject("next_due_at", OffsetDateTime.class).toInstant(),
				last == null ? null : last.toInstant(), status == null ? null : MonitorStatus.valueOf(status),
				rs.getString("last_error"), rs.getString("last_figures"), rs.getString("last_counters"));
	}
}
