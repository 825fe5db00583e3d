package dev.steward.schedule.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.steward.schedule.RunStatus;
import dev.steward.schedule.ScheduleRunView;
import dev.steward.shared.PageResult;

/** The {@code schedule_runs} and {@code schedule_run_backups} tables. */
@Component
public class ScheduleRunRecords {

	/** A run to insert. */
	public record NewRun(UUID id, UUID scheduleId, OffsetDateTime scheduledFor, OffsetDateTime startedAt, boolean manual,
			long lateMillis, int missedFires, String instanceId) {
	}

	private final JdbcClient jdbc;

	public ScheduleRunRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims a fire: false when a run for this schedule and fire time exists already (another instance took it),
	 * which the unique key decides, not a read before the write.
	 */
	public boolean claim(NewRun run) {
		try {
			jdbc.sql("""
					INSERT INTO schedule_runs (id, schedule_id, scheduled_for, started_at, status, manual, late_millis,
					  missed_fires, instance_id, starting)
					VALUES (:id, :sid, :for, :started, 'RUNNING', :manual, :late, :missed, :instance, TRUE)""")
				.param("id", run.id())
				.param("sid", run.scheduleId())
				.param("for", run.scheduledFor())
				.param("started", run.startedAt())
				.param("manual", run.manual())
				.param("late", run.lateMillis())
				.param("missed", run.missedFires())
				.param("instance", run.instanceId())
				.update();
			return true;
		}
		catch (DuplicateKeyException e) {
			return false;
		}
	}

	public void addBackup(UUID runId, UUID scheduleId, UUID backupId, String target, @Nullable String database) {
		jdbc.sql("""
				INSERT INTO schedule_run_backups (run_id, backup_id, schedule_id, storage_target, status, database_name)
				VALUES (:run, :backup, :sid, :target, 'IN_PROGRESS', :db)""")
			.param("db", database)
			.param("run", runId)
			.param("backup", backupId)
			.param("sid", scheduleId)
			.param("target", target)
			.update();
	}

	/** The run that made this backup, if a schedule made it. */
	public Optional<UUID> runOf(UUID backupId) {
		return jdbc.sql("SELECT run_id FROM schedule_run_backups WHERE backup_id = :b")
			.param("b", backupId)
			.query(UUID.class)
			.optional();
	}

	/** Locks the run's row for the caller's transaction, so its backups' ends are counted one at a time. */
	public void lock(UUID runId) {
		jdbc.sql("SELECT id FROM schedule_runs WHERE id = :id FOR UPDATE").param("id", runId).query(UUID.class).list();
	}

	/** Whether the run is still starting its backups (then none of their ends may end it). */
	public boolean starting(UUID runId) {
		return jdbc.sql("SELECT starting FROM schedule_runs WHERE id = :id").param("id", runId).query(Boolean.class)
			.optional().orElse(false);
	}

	/** All the run's backups were started (or could not be): from now on the last one to end ends the run. */
	public void started(UUID runId) {
		jdbc.sql("UPDATE schedule_runs SET starting = FALSE WHERE id = :id").param("id", runId).update();
	}

	public void finishBackup(UUID backupId, String status, @Nullable String error) {
		jdbc.sql("UPDATE schedule_run_backups SET status = :s, error = :e WHERE backup_id = :b")
			.param("s", status)
			.param("e", abbreviate(error))
			.param("b", backupId)
			.update();
	}

	/** Adds an error to the run's (several databases may each fail to start); the first ones are kept when long. */
	public void noteError(UUID runId, String error) {
		String before = jdbc.sql("SELECT error FROM schedule_runs WHERE id = :id").param("id", runId).query(String.class)
			.optional().orElse(null);
		jdbc.sql("UPDATE schedule_runs SET error = :e WHERE id = :id")
			.param("e", abbreviate(before == null ? error : before + "; " + error))
			.param("id", runId)
			.update();
	}

	/** What the run left out on purpose, and why (not an error: the run can still succeed). */
	public void noteNotice(UUID runId, String notice) {
		jdbc.sql("UPDATE schedule_runs SET notice = :n WHERE id = :id").param("n", abbreviate(notice)).param("id", runId)
			.update();
	}

	/** The newest fire (not a manual run) recorded for the schedule. */
	public Optional<ScheduleRunView> latestScheduled(UUID scheduleId) {
		return jdbc.sql("""
				SELECT * FROM schedule_runs WHERE schedule_id = :sid AND manual = FALSE
				ORDER BY scheduled_for DESC, id LIMIT 1""")
			.param("sid", scheduleId)
			.query(this::map)
			.optional();
	}

	/** Ends a RUNNING run once; false if it had ended already (another listener or instance did it). */
	public boolean finish(UUID runId, RunStatus status, OffsetDateTime at, @Nullable String error) {
		return jdbc.sql("""
				UPDATE schedule_runs SET status = :s, finished_at = :at, error = :e WHERE id = :id AND status = 'RUNNING'""")
			.param("s", status.name())
			.param("at", at)
			.param("e", abbreviate(error))
			.param("id", runId)
			.update() == 1;
	}

	public void recordRetention(UUID runId, String summary) {
		jdbc.sql("UPDATE schedule_runs SET retention = :r WHERE id = :id")
			.param("r", summary.length() > 4000 ? summary.substring(0, 3999) + "…" : summary)
			.param("id", runId)
			.update();
	}

	public Optional<ScheduleRunView> find(UUID runId) {
		return jdbc.sql("SELECT * FROM schedule_runs WHERE id = :id")
			.param("id", runId)
			.query(this::map)
			.optional();
	}

	public Optional<ScheduleRunView> latest(UUID scheduleId) {
		return jdbc.sql("SELECT * FROM schedule_runs WHERE schedule_id = :sid ORDER BY scheduled_for DESC, id LIMIT 1")
			.param("sid", scheduleId)
			.query(this::map)
			.optional();
	}

	public PageResult<ScheduleRunView> page(UUID scheduleId, int page, int size) {
		long total = jdbc.sql("SELECT COUNT(*) FROM schedule_runs WHERE schedule_id = :sid")
			.param("sid", scheduleId)
			.query(Long.class)
			.single();
		List<ScheduleRunView> runs = jdbc.sql("""
				SELECT * FROM schedule_runs WHERE schedule_id = :sid ORDER BY scheduled_for DESC, id
				LIMIT :limit OFFSET :offset""")
			.param("sid", scheduleId)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(this::map)
			.list();
		return PageResult.of(runs, page, size, total);
	}

	/** The backups this schedule made on a target (still recorded here; deleted ones may be gone from backups). */
	public List<UUID> backupsOf(UUID scheduleId) {
		return jdbc.sql("SELECT backup_id FROM schedule_run_backups WHERE schedule_id = :sid")
			.param("sid", scheduleId)
			.query(UUID.class)
			.list();
	}

	/** Runs of the schedule still RUNNING that started before {@code before}. */
	public List<UUID> runningSince(UUID scheduleId, OffsetDateTime before) {
		return jdbc.sql("SELECT id FROM schedule_runs WHERE schedule_id = :sid AND status = 'RUNNING' AND started_at < :before")
			.param("sid", scheduleId)
			.param("before", before)
			.query(UUID.class)
			.list();
	}

	/** Forgets the runs of a deleted schedule; the backups themselves stay in the backup module. */
	public void deleteOf(UUID scheduleId) {
		jdbc.sql("DELETE FROM schedule_run_backups WHERE schedule_id = :sid").param("sid", scheduleId).update();
		jdbc.sql("DELETE FROM schedule_runs WHERE schedule_id = :sid").param("sid", scheduleId).update();
	}

	private ScheduleRunView map(ResultSet rs, int n) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		List<ScheduleRunView.RunBackup> backups = new ArrayList<>(jdbc
			.sql("SELECT * FROM schedule_run_backups WHERE run_id = :r ORDER BY database_name, storage_target, backup_id")
			.param("r", id)
			.query((b, i) -> new ScheduleRunView.RunBackup(b.getObject("backup_id", UUID.class),
					b.getString("storage_target"), b.getString("status"), b.getString("error"),
					b.getString("database_name")))
			.list());
		return new ScheduleRunView(id, rs.getObject("schedule_id", UUID.class),
				rs.getObject("scheduled_for", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
				rs.getObject("finished_at", OffsetDateTime.class), RunStatus.valueOf(rs.getString("status")),
				rs.getBoolean("manual"), rs.getLong("late_millis"), rs.getInt("missed_fires"), backups,
				rs.getString("retention"), rs.getString("error"), rs.getString("notice"));
	}

	private static @Nullable String abbreviate(@Nullable String s) {
		return s == null || s.length() <= 2000 ? s : s.substring(0, 1999) + "…";
	}
}
