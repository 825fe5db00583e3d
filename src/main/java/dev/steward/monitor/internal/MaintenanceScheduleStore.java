package dev.steward.monitor.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.engine.MaintenanceOperation;
import dev.steward.monitor.MaintenanceScheduleOutcome;

/** The {@code maintenance_schedules} table. */
@Component
public class MaintenanceScheduleStore {

	/** One row; {@code tablesJson} a JSON array of {schema, name}. */
	public record Row(UUID id, UUID connectionId, MaintenanceOperation operation, String tablesJson, String cron,
			String timeZone, boolean enabled, UUID ownerId, String ownerName, OffsetDateTime createdAt,
			OffsetDateTime updatedAt, @Nullable OffsetDateTime nextDue, @Nullable OffsetDateTime lastRunAt,
			@Nullable UUID lastJobId, @Nullable MaintenanceScheduleOutcome lastStatus, @Nullable String lastReason) {
	}

	private final JdbcClient jdbc;

	MaintenanceScheduleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static OffsetDateTime utc(Instant at) {
		return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
	}

	public List<Row> byConnection(UUID connectionId) {
		return jdbc.sql("SELECT * FROM maintenance_schedules WHERE connection_id = :c ORDER BY created_at, id")
			.param("c", connectionId).query(MaintenanceScheduleStore::map).list();
	}

	public int count(UUID connectionId) {
		return jdbc.sql("SELECT COUNT(*) FROM maintenance_schedules WHERE connection_id = :c").param("c", connectionId)
			.query(Integer.class).single();
	}

	public Optional<Row> find(UUID id) {
		return jdbc.sql("SELECT * FROM maintenance_schedules WHERE id = :id").param("id", id)
			.query(MaintenanceScheduleStore::map).optional();
	}

	/** Enabled schedules due at {@code now}, oldest due first. */
	public List<Row> due(Instant now, int limit) {
		return jdbc.sql("SELECT * FROM maintenance_schedules WHERE enabled = TRUE AND next_due <= :now "
				+ "ORDER BY next_due FETCH FIRST " + limit + " ROWS ONLY")
			.param("now", utc(now)).query(MaintenanceScheduleStore::map).list();
	}

	/**
	 * Takes the run due at {@code now} by moving {@code next_due} to {@code next} (null: none); true for exactly
	 * one caller across all instances sharing the store.
	 */
	public boolean claim(UUID id, Instant now, @Nullable Instant next) {
		return jdbc.sql("UPDATE maintenance_schedules SET next_due = :next WHERE id = :id AND enabled = TRUE "
				+ "AND next_due <= :now")
			.param("next", next == null ? null : utc(next), java.sql.Types.TIMESTAMP_WITH_TIMEZONE).param("id", id)
			.param("now", utc(now)).update() == 1;
	}

	public void insert(Row r) {
		jdbc.sql("INSERT INTO maintenance_schedules (id, connection_id, operation, tables_json, cron, time_zone, "
				+ "enabled, owner_id, owner_name, created_at, updated_at, next_due) VALUES (:id, :c, :op, :tables, "
				+ ":cron, :zone, :enabled, :owner, :ownerName, :created, :updated, :due)")
			.param("id", r.id()).param("c", r.connectionId()).param("op", r.operation().name())
			.param("tables", r.tablesJson()).param("cron", r.cron()).param("zone", r.timeZone())
			.param("enabled", r.enabled()).param("owner", r.ownerId()).param("ownerName", r.ownerName())
			.param("created", r.createdAt()).param("updated", r.updatedAt())
			.param("due", r.nextDue(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE).update();
	}

	/** The definition replaced; the run history stays. */
	public void update(Row r) {
		jdbc.sql("UPDATE maintenance_schedules SET operation = :op, tables_json = :tables, cron = :cron, "
				+ "time_zone = :zone, enabled = :enabled, updated_at = :updated, next_due = :due WHERE id = :id")
			.param("id", r.id()).param("op", r.operation().name()).param("tables", r.tablesJson())
			.param("cron", r.cron()).param("zone", r.timeZone()).param("enabled", r.enabled())
			.param("updated", r.updatedAt()).param("due", r.nextDue(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	public void delete(UUID id) {
		jdbc.sql("DELETE FROM maintenance_schedules WHERE id = :id").param("id", id).update();
	}

	/** A run's outcome; {@code jobId} null keeps the previous job (a skipped run points at the one still running). */
	public void recordRun(UUID id, Instant at, MaintenanceScheduleOutcome outcome, @Nullable UUID jobId,
			@Nullable String reason) {
		var sql = jdbc.sql("UPDATE maintenance_schedules SET last_run_at = :at, last_status = :status, "
				+ "last_reason = :reason" + (jobId == null ? "" : ", last_job_id = :job") + " WHERE id = :id")
			.param("id", id).param("at", utc(at)).param("status", outcome.name())
			.param("reason", reason, java.sql.Types.VARCHAR);
		(jobId == null ? sql : sql.param("job", jobId)).update();
	}

	private static Row map(ResultSet rs, int i) throws SQLException {
		String status = rs.getString("last_status");
		return new Row(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
				MaintenanceOperation.valueOf(rs.getString("operation")), rs.getString("tables_json"),
				rs.getString("cron"), rs.getString("time_zone"), rs.getBoolean("enabled"),
				rs.getObject("owner_id", UUID.class), rs.getString("owner_name"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getObject("next_due", OffsetDateTime.class), rs.getObject("last_run_at", OffsetDateTime.class),
				rs.getObject("last_job_id", UUID.class),
				status == null ? null : MaintenanceScheduleOutcome.valueOf(status), rs.getString("last_reason"));
	}
}
