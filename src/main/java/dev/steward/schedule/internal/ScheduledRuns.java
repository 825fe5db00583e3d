package dev.steward.schedule.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupRequest;
import dev.steward.backup.BackupStatus;
import dev.steward.backup.BackupRuns;
import dev.steward.backup.BackupView;
import dev.steward.job.JobEvents;
import dev.steward.job.JobKind;
import dev.steward.job.JobStatus;
import dev.steward.schedule.RunStatus;
import dev.steward.schedule.ScheduleEvents;
import dev.steward.schedule.ScheduleRunView;

/**
 * Runs of schedules: a fire claims its (schedule, fire time) row (the unique key decides between racing instances),
 * starts one backup job per target as the system, and ends when the last of them finishes (a job event); a
 * successful run then applies retention. A fire later than the misfire threshold, or standing for earlier fires
 * that never ran, is recorded as late and published as {@link ScheduleEvents.ScheduleMissed}.
 */
@Component
public class ScheduledRuns {

	private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

	private static final int MAX_OWED = 100_000;

	/** A run still RUNNING after this long is looked at again on the schedule's next fire. */
	static final java.time.Duration STALE = java.time.Duration.ofMinutes(15);

	private final ScheduleRecords schedules;

	private final ScheduleRunRecords runs;

	private final BackupRuns backups;

	private final RetentionRunner retention;

	private final ScheduledVerifications verifications;

	private final QuartzTriggers triggers;

	private final ScheduleSettings settings;

	private final BackupArtefacts artefacts;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final dev.steward.backup.BackupDatabases databaseChoice;

	ScheduledRuns(ScheduleRecords schedules, ScheduleRunRecords runs, BackupRuns backups, RetentionRunner retention,
			ScheduledVerifications verifications, QuartzTriggers triggers, ScheduleSettings settings, BackupArtefacts artefacts, TransactionTemplate tx,
			ApplicationEventPublisher events, dev.steward.backup.BackupDatabases databaseChoice) {
		this.databaseChoice = databaseChoice;
		this.schedules = schedules;
		this.runs = runs;
		this.backups = backups;
		this.retention = retention;
		this.verifications = verifications;
		this.triggers = triggers;
		this.settings = settings;
		this.artefacts = artefacts;
		this.tx = tx;
		this.events = events;
	}

	/** A Quartz fire: {@code scheduled} is the trigger's fire time, {@code fired} when it actually fired. */
	void fire(UUID scheduleId, Instant scheduled, Instant fired) {
		Optional<ScheduleRow> found = schedules.find(scheduleId);
		if (found.isEmpty() || !found.get().enabled()) {
			return;
		}
		ScheduleRow row = found.get();
		sweep(scheduleId);
		Optional<Owed> owes = owed(row, scheduled);
		if (owes.isEmpty()) {
			log.info("Schedule {}: a make-up fire at {} stands for no fire still owed", scheduleId, scheduled);
			return;
		}
		Owed owed = owes.get();
		OffsetDateTime scheduledFor = OffsetDateTime.ofInstant(owed.latest(), ZoneOffset.UTC);
		long late = Math.max(0, fired.toEpochMilli() - owed.latest().toEpochMilli());
		UUID runId = UUID.randomUUID();
		if (!runs.claim(new ScheduleRunRecords.NewRun(runId, scheduleId, scheduledFor,
				OffsetDateTime.ofInstant(fired, ZoneOffset.UTC), false, late, owed.count(), triggers.instanceId()))) {
			log.info("Schedule {} fire at {} already ran (claimed by another instance)", scheduleId, scheduledFor);
			return;
		}
		long threshold = settings.misfireThreshold().toMillis();
		// fires of one schedule may run out of order on two instances: only owed fires past the threshold are missed
		if (late > threshold || (owed.count() > 1 && owed.latest().toEpochMilli() - owed.first().toEpochMilli() > threshold)) {
			tx.executeWithoutResult(s -> events.publishEvent(new ScheduleEvents.ScheduleMissed(scheduleId, row.name(),
					row.connectionId(), runId, OffsetDateTime.ofInstant(owed.first(), ZoneOffset.UTC), owed.count(), late)));
		}
		startBackups(row, runId);
	}

	/**
	 * Ends runs of the schedule left RUNNING for a while: their backups ended but the end was never counted (the
	 * instance that ran them stopped first), or none was ever started (it stopped while claiming).
	 */
	void sweep(UUID scheduleId) {
		for (UUID runId : runs.runningSince(scheduleId, OffsetDateTime.now(ZoneOffset.UTC).minus(STALE))) {
			try {
				tx.executeWithoutResult(s -> {
					runs.lock(runId);
					// an instance that stopped while starting the run's backups never said it was done
					runs.started(runId);
					ScheduleRunView run = runs.find(runId).orElseThrow();
					List<UUID> open = run.backups().stream()
						.filter(b -> "IN_PROGRESS".equals(b.status()))
						.map(ScheduleRunView.RunBackup::backupId)
						.toList();
					List<dev.steward.backup.BackupView> found = artefacts.findAsSystem(open);
					found.stream()
						.filter(b -> b.status() != BackupStatus.IN_PROGRESS)
						.forEach(b -> runs.finishBackup(b.id(), b.status().name(), b.error()));
					// a backup record gone meanwhile (deleted): it did not complete for this run
					open.stream()
						.filter(id -> found.stream().noneMatch(b -> b.id().equals(id)))
						.forEach(id -> runs.finishBackup(id, "FAILED", "the backup is gone"));
					end(runId);
				});
			}
			catch (RuntimeException e) {
				log.warn("Could not close stale run {} of schedule {}: {}", runId, scheduleId, e.getMessage());
			}
		}
	}

	/** "Run now": a manual run at this instant, started at once. */
	public ScheduleRunView runNow(ScheduleRow row) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
		UUID runId = UUID.randomUUID();
		if (!runs.claim(new ScheduleRunRecords.NewRun(runId, row.id(), now, now, true, 0, 1, triggers.instanceId()))) {
			throw new dev.steward.shared.Conflict("A run of this schedule was started at the same instant");
		}
		startBackups(row, runId);
		return runs.find(runId).orElseThrow();
	}

	/** The fire times this fire stands for: from the last run (or the timing's start) up to the trigger's time. */
	record Owed(Instant first, Instant latest, int count) {
	}

	Optional<Owed> owed(ScheduleRow row, Instant scheduled) {
		ZoneId zone = CronTimings.zone(row.timeZone());
		CronExpression cron = CronTimings.expression(row.quartzCron(), zone);
		Instant from = row.timingSince().toInstant();
		Optional<ScheduleRunView> last = runs.latestScheduled(row.id());
		if (last.isPresent() && last.get().scheduledFor().toInstant().isAfter(from)) {
			from = last.get().scheduledFor().toInstant();
		}
		Instant first = null;
		Instant latest = null;
		int count = 0;
		Date at = Date.from(from);
		while (count < MAX_OWED) {
			at = cron.getNextValidTimeAfter(at);
			if (at == null || at.toInstant().isAfter(scheduled)) {
				break;
			}
			first = first == null ? at.toInstant() : first;
			latest = at.toInstant();
			count++;
		}
		if (cron.isSatisfiedBy(Date.from(scheduled))) {
			// an on-time fire stands for its own time (also if a later one is already due: that one fires itself)
			return Optional.of(new Owed(first == null ? scheduled : first, scheduled, Math.max(1, count)));
		}
		// a make-up fire ("fire once now") stands for the latest fire owed; none owed: it was made up already
		return latest == null ? Optional.empty() : Optional.of(new Owed(first, latest, count));
	}

	/**
	 * One backup per database the schedule names (each its own job, queued one after another on the connection),
	 * whose pipeline runs once with a copy on each of the schedule's targets; a copy that fails fails only itself
	 * (the backup module reports it). A database whose backup cannot start is an error of the run, named; the others
	 * still run.
	 */
	private void startBackups(ScheduleRow row, UUID runId) {
		String targets = String.join(",", row.targets());
		List<@org.jspecify.annotations.Nullable String> names;
		try {
			names = databases(row, runId);
		}
		catch (RuntimeException e) {
			log.warn("Schedule {} could not list the databases to back up: {}", row.id(), e.getMessage());
			runs.noteError(runId, "listing the databases: " + e.getMessage());
			tx.executeWithoutResult(s -> {
				runs.lock(runId);
				runs.started(runId);
				end(runId);
			});
			return;
		}
		if (names.isEmpty()) {
			runs.noteError(runId, "the server lists no database to back up");
		}
		for (String database : names) {
			try {
				tx.executeWithoutResult(s -> {
					BackupView backup = backups.startAsSystem(new BackupRequest(row.connectionId(), row.kind(),
							row.compression(), row.compressionLevel(), row.encrypted(), null, row.targets(), null, null,
							null, null, database));
					// in the backup's transaction: its job runs (and can finish) only once this is stored too
					runs.addBackup(runId, row.id(), backup.id(), targets, backup.database());
				});
			}
			catch (RuntimeException e) {
				String which = database == null ? targets : "database " + database;
				log.warn("Schedule {} could not start its backup of {}: {}", row.id(), which, e.getMessage());
				runs.noteError(runId, which + ": " + e.getMessage());
			}
		}
		tx.executeWithoutResult(s -> {
			runs.lock(runId);
			runs.started(runId);
			end(runId);
		});
	}

	/** The databases a fire backs up: the connection's own (null), the named ones, or all the server lists now. */
	private List<@org.jspecify.annotations.Nullable String> databases(ScheduleRow row, UUID runId) {
		return switch (row.databaseMode()) {
			case DEFAULT -> java.util.Collections.singletonList(null);
			case LIST -> List.copyOf(row.databases());
			case ALL -> capped(databaseChoice.allAsSystem(row.connectionId()), runId);
		};
	}

	/**
	 * ALL takes at most {@code maxDatabasesPerRun} databases, the first by name (the same ones every run, so each
	 * keeps its history), and names the rest on the run.
	 */
	private List<@org.jspecify.annotations.Nullable String> capped(List<@org.jspecify.annotations.Nullable String> all,
			UUID runId) {
		int cap = settings.maxDatabasesPerRun();
		if (all.size() <= cap) {
			return all;
		}
		List<@org.jspecify.annotations.Nullable String> sorted = new java.util.ArrayList<>(all);
		sorted.sort(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
		List<@org.jspecify.annotations.Nullable String> skipped = sorted.subList(cap, sorted.size());
		runs.noteNotice(runId, "skipped " + skipped.size() + " of " + all.size() + " databases: at most " + cap
				+ " per run (steward.schedule.max-databases-per-run): " + String.join(", ",
						skipped.stream().map(String::valueOf).limit(100).toList())
				+ (skipped.size() > 100 ? ", …" : ""));
		return new java.util.ArrayList<>(sorted.subList(0, cap));
	}

	/** A backup job ended: record it on its run, and end the run once its last backup did. */
	@ApplicationModuleListener
	void on(JobEvents.JobFinished finished) {
		if (finished.kind() != JobKind.BACKUP || finished.subjectId() == null) {
			return;
		}
		Optional<UUID> runId = runs.runOf(finished.subjectId());
		if (runId.isEmpty()) {
			return;
		}
		runs.lock(runId.get());
		String status = finished.status() == JobStatus.COMPLETED ? "COMPLETED" : finished.status().name();
		runs.finishBackup(finished.subjectId(), status,
				finished.failure() == null ? null : finished.failure().reason() + ": " + finished.failure().message());
		end(runId.get());
	}

	private void end(UUID runId) {
		Optional<ScheduleRunView> found = runs.find(runId);
		if (found.isEmpty()) {
			// its schedule was deleted meanwhile (the backup stays in the backup module)
			return;
		}
		ScheduleRunView run = found.get();
		if (runs.starting(runId) || run.status().finished() || run.backups().stream().anyMatch(b -> "IN_PROGRESS".equals(b.status()))) {
			return;
		}
		boolean ok = run.error() == null && !run.backups().isEmpty()
				&& run.backups().stream().allMatch(b -> "COMPLETED".equals(b.status()));
		String error = ok ? null : failure(run);
		if (!runs.finish(runId, ok ? RunStatus.SUCCEEDED : RunStatus.FAILED, OffsetDateTime.now(ZoneOffset.UTC), error)) {
			return;
		}
		Optional<ScheduleRow> row = schedules.find(run.scheduleId());
		if (row.isEmpty()) {
			return;
		}
		if (!ok) {
			events.publishEvent(new ScheduleEvents.ScheduledRunFailed(run.scheduleId(), row.get().name(),
					row.get().connectionId(), runId, run.scheduledFor(), String.valueOf(error)));
			return;
		}
		runs.recordRetention(runId, retention.apply(row.get()));
		if (row.get().verifyAfter()) {
			verifications.verify(row.get().id(), run.backups().stream().map(ScheduleRunView.RunBackup::backupId).toList());
		}
		events.publishEvent(new ScheduleEvents.ScheduledRunSucceeded(run.scheduleId(), row.get().name(),
				row.get().connectionId(), runId, run.scheduledFor(),
				run.backups().stream().map(ScheduleRunView.RunBackup::backupId).toList()));
	}

	private static String failure(ScheduleRunView run) {
		List<String> parts = new ArrayList<>();
		if (run.error() != null) {
			parts.add(run.error());
		}
		run.backups()
			.stream()
			.filter(b -> !"COMPLETED".equals(b.status()))
			.forEach(b -> parts.add((b.database() == null ? "" : "database " + b.database() + " ")
					+ b.storageTarget() + ": " + b.status() + (b.error() == null ? "" : " " + b.error())));
		return parts.isEmpty() ? "no backup was started" : String.join("; ", parts);
	}
}
