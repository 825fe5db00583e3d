package dev.steward.schedule.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupRestores;
import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupView;
import dev.steward.job.JobEvents;
import dev.steward.job.JobKind;
import dev.steward.job.JobStatus;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.schedule.ScheduleEvents;
import dev.steward.schedule.VerificationView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifications a schedule starts as the system: of every new backup after a successful run (when the schedule asks
 * for it), and a test restore of its newest backup on the schedule's own test-restore cron. A verification passes
 * when its job completed and found the backup sound; otherwise it fails and {@link
 * ScheduleEvents.ScheduledVerificationFailed} is published.
 */
@Component
public class ScheduledVerifications {

	private static final Logger log = LoggerFactory.getLogger(ScheduledVerifications.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final BackupRestores restores;

	private final BackupArtefacts backups;

	private final ScheduleRunRecords runs;

	private final ScheduleRecords schedules;

	private final Jobs jobs;

	private final ApplicationEventPublisher events;

	ScheduledVerifications(JdbcClient jdbc, BackupRestores restores, BackupArtefacts backups, ScheduleRunRecords runs,
			ScheduleRecords schedules, Jobs jobs, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.restores = restores;
		this.backups = backups;
		this.runs = runs;
		this.schedules = schedules;
		this.jobs = jobs;
		this.events = events;
	}

	/** After a successful run of a schedule that verifies: one verification per new backup. */
	void verify(UUID scheduleId, List<UUID> backupIds) {
		for (UUID backup : backupIds) {
			start(scheduleId, backup, false, null);
		}
	}

	/** The test-restore cron fired: test-restores the schedule's newest completed backup, if it has one. */
	void testRestore(UUID scheduleId) {
		Optional<ScheduleRow> row = schedules.find(scheduleId);
		if (row.isEmpty() || !row.get().enabled()) {
			return;
		}
		List<UUID> ours = runs.backupsOf(scheduleId);
		Optional<BackupView> newest = backups.findAsSystem(ours)
			.stream()
			.filter(b -> b.status() == BackupStatus.COMPLETED)
			.max(Comparator.comparing(BackupView::createdAt));
		if (newest.isEmpty()) {
			log.info("Schedule {} has no completed backup to test-restore yet", scheduleId);
			return;
		}
		start(scheduleId, newest.get().id(), true, row.get().testRestoreConnectionId());
	}

	private void start(UUID scheduleId, UUID backupId, boolean testRestore, @Nullable UUID server) {
		try {
			JobView job = restores.verifyAsSystem(backupId, testRestore, server);
			jdbc.sql("""
					INSERT INTO schedule_verifications (id, schedule_id, backup_id, job_id, kind, started_at, status)
					VALUES (:id, :sid, :bid, :job, :kind, :at, 'RUNNING')""")
				.param("id", UUID.randomUUID())
				.param("sid", scheduleId)
				.param("bid", backupId)
				.param("job", job.id())
				.param("kind", job.kind().name())
				.param("at", OffsetDateTime.now(ZoneOffset.UTC))
				.update();
		}
		catch (RuntimeException e) {
			log.warn("Schedule {} could not start verifying backup {}: {}", scheduleId, backupId, e.getMessage());
			schedules.find(scheduleId).ifPresent(row -> events.publishEvent(new ScheduleEvents.ScheduledVerificationFailed(
					scheduleId, row.name(), backupId, "could not start: " + e.getMessage())));
		}
	}

	/** A verification job ended: a pass needs a completed job whose result says the backup is sound. */
	@ApplicationModuleListener
	void on(JobEvents.JobFinished finished) {
		if (finished.kind() != JobKind.VERIFY && finished.kind() != JobKind.TEST_RESTORE) {
			return;
		}
		Optional<UUID> scheduleId = jdbc.sql("SELECT schedule_id FROM schedule_verifications WHERE job_id = :job")
			.param("job", finished.jobId())
			.query(UUID.class)
			.optional();
		if (scheduleId.isEmpty()) {
			return;
		}
		String error = error(finished);
		jdbc.sql("UPDATE schedule_verifications SET status = :s, finished_at = :at, error = :e WHERE job_id = :job")
			.param("s", error == null ? "PASSED" : "FAILED")
			.param("at", OffsetDateTime.now(ZoneOffset.UTC))
			.param("e", error == null || error.length() <= 2000 ? error : error.substring(0, 1999) + "…")
			.param("job", finished.jobId())
			.update();
		if (error != null) {
			String name = schedules.find(scheduleId.get()).map(ScheduleRow::name).orElse("(deleted)");
			events.publishEvent(new ScheduleEvents.ScheduledVerificationFailed(scheduleId.get(), name,
					finished.subjectId() == null ? finished.jobId() : finished.subjectId(), error));
		}
	}

	private @Nullable String error(JobEvents.JobFinished finished) {
		if (finished.status() != JobStatus.COMPLETED) {
			return finished.failure() == null ? finished.status().name()
					: finished.failure().reason() + ": " + finished.failure().message();
		}
		Optional<String> result = jobs.resultJson(finished.jobId());
		if (result.isEmpty()) {
			return null;
		}
		JsonNode json = JSON.readTree(result.get());
		if (json.path("ok").asBoolean(true)) {
			return null;
		}
		return json.path("message").isString() ? json.path("message").asString() : "the backup did not verify";
	}

	public Optional<VerificationView> latest(UUID scheduleId) {
		return jdbc.sql("SELECT * FROM schedule_verifications WHERE schedule_id = :sid ORDER BY started_at DESC, id LIMIT 1")
			.param("sid", scheduleId)
			.query((rs, n) -> new VerificationView(rs.getObject("backup_id", UUID.class), rs.getObject("job_id", UUID.class),
					rs.getString("kind"), rs.getString("status"), rs.getObject("started_at", OffsetDateTime.class),
					rs.getObject("finished_at", OffsetDateTime.class), rs.getString("error")))
			.optional();
	}

	public void deleteOf(UUID scheduleId) {
		jdbc.sql("DELETE FROM schedule_verifications WHERE schedule_id = :sid").param("sid", scheduleId).update();
	}
}
