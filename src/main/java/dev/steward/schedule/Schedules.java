package dev.steward.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupDatabases;
import dev.steward.backup.Compression;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.DumpKind;
import dev.steward.schedule.internal.CronTimings;
import dev.steward.schedule.internal.QuartzTriggers;
import dev.steward.schedule.internal.RetentionRunner;
import dev.steward.schedule.internal.ScheduleRecords;
import dev.steward.schedule.internal.ScheduleRow;
import dev.steward.schedule.internal.ScheduleRunRecords;
import dev.steward.schedule.internal.ScheduledRuns;
import dev.steward.schedule.internal.ScheduledVerifications;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;
import dev.steward.shared.PageResult;

/**
 * Backup schedules: kept in the store with one Quartz trigger each. A schedule is visible to whoever may see its
 * connection (NotFound otherwise); the connection is resolved before the rest of a request is validated.
 */
@Service
public class Schedules {

	private final ScheduleRecords records;

	private final ScheduleRunRecords runs;

	private final QuartzTriggers triggers;

	private final ScheduledRuns scheduledRuns;

	private final RetentionRunner retention;

	private final ScheduledVerifications verifications;

	private final ConnectionLookup connections;

	private final BackupArtefacts backups;

	private final BackupDatabases databases;

	private final ApplicationEventPublisher events;

	private final org.springframework.transaction.support.TransactionTemplate tx;

	Schedules(ScheduleRecords records, ScheduleRunRecords runs, QuartzTriggers triggers, ScheduledRuns scheduledRuns,
			RetentionRunner retention, ScheduledVerifications verifications, ConnectionLookup connections, BackupArtefacts backups,
			ApplicationEventPublisher events, org.springframework.transaction.support.TransactionTemplate tx,
			BackupDatabases databases) {
		this.databases = databases;
		this.tx = tx;
		this.records = records;
		this.runs = runs;
		this.triggers = triggers;
		this.scheduledRuns = scheduledRuns;
		this.retention = retention;
		this.verifications = verifications;
		this.connections = connections;
		this.backups = backups;
		this.events = events;
	}

	public List<ScheduleView> list() {
		CurrentUser user = CurrentUser.require();
		return records.list(user.isAdmin() ? null : connections.visibleIds()).stream().map(this::view).toList();
	}

	public ScheduleView get(UUID id) {
		return view(visible(id));
	}

	@Transactional
	public ScheduleView create(ScheduleRequest request) {
		CurrentUser user = CurrentUser.require();
		checkConnections(request);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		ScheduleRow row = row(UUID.randomUUID(), request, user.id(), user.username(), now);
		checkDatabases(row);
		records.insert(row);
		triggers.register(row);
		events.publishEvent(new ScheduleEvents.ScheduleCreated(Actor.current(), row.id(), row.name(), row.connectionId(),
				row.cron()));
		return view(row);
	}

	@Transactional
	public ScheduleView update(UUID id, ScheduleRequest request) {
		ScheduleRow old = visible(id);
		checkConnections(request);
		ScheduleRow row = row(id, request, old.ownerId(), old.ownerName(), old.createdAt());
		checkDatabases(row);
		records.update(row);
		triggers.register(row);
		events.publishEvent(new ScheduleEvents.ScheduleUpdated(Actor.current(), id, row.name(), row.enabled(), row.cron()));
		return view(row);
	}

	/** Removes the schedule, its trigger and its run history; the backups it made stay. */
	@Transactional
	public void delete(UUID id) {
		ScheduleRow row = visible(id);
		triggers.remove(id);
		runs.deleteOf(id);
		verifications.deleteOf(id);
		records.delete(id);
		events.publishEvent(new ScheduleEvents.ScheduleDeleted(Actor.current(), id, row.name()));
	}

	/** Starts a manual run at once (also of a disabled schedule). */
	public ScheduleRunView runNow(UUID id) {
		ScheduleRow row = visible(id);
		connections.resolveActive(row.connectionId());
		ScheduleRunView run = scheduledRuns.runNow(row);
		Actor actor = Actor.current();
		// the run started in its own transactions; the audit listener needs one to hear the event in
		tx.executeWithoutResult(s -> events.publishEvent(new ScheduleEvents.ScheduleRunRequested(actor, id, run.id())));
		return runs.find(run.id()).orElse(run);
	}

	public TimingPreview preview(Timing timing, String timeZone) {
		return CronTimings.preview(timing, timeZone, Instant.now());
	}

	public PageResult<ScheduleRunView> runs(UUID id, int page, int size) {
		visible(id);
		return runs.page(id, page, size);
	}

	public RetentionPreview retentionPreview(UUID id) {
		return retention.preview(visible(id), Instant.now());
	}

	/**
	 * The schedule's connection must be visible and active; a test-restore connection other than it must also be
	 * writable by the caller (a restore writes into its server) and of the same engine.
	 */
	private void checkConnections(ScheduleRequest request) {
		ResolvedConnection source = connections.resolveActive(request.connectionId());
		UUID testRestore = request.testRestoreConnectionId();
		if (testRestore == null || testRestore.equals(request.connectionId())) {
			return;
		}
		ResolvedConnection target = connections.resolveWritable(testRestore);
		if (!target.engine().equals(source.engine())) {
			throw new InvalidInput("testRestoreConnectionId", "is a " + target.engine() + " connection; the schedule backs up a "
					+ source.engine() + " connection");
		}
	}

	/**
	 * Named databases must be on the server's list for this connection now (a name that later disappears fails
	 * only its own backup of a run). Asked after everything else was checked, since it asks the server.
	 */
	private void checkDatabases(ScheduleRow row) {
		if (row.databaseMode() != DatabaseMode.LIST) {
			return;
		}
		try {
			databases.checkNames(row.connectionId(), row.databases());
		}
		catch (NotFound e) {
			throw new InvalidInput("databases", "names a database the connection's server does not list: " + e.getMessage());
		}
		catch (InvalidInput e) {
			throw new InvalidInput("databases", e.fieldErrors().values().iterator().next());
		}
	}

	private static List<String> databaseNames(DatabaseMode mode, @org.jspecify.annotations.Nullable List<String> requested) {
		List<String> names = requested == null ? List.of() : List.copyOf(new LinkedHashSet<>(requested));
		if (mode != DatabaseMode.LIST) {
			if (!names.isEmpty()) {
				throw new InvalidInput("databases", "name databases only with databaseMode LIST");
			}
			return List.of();
		}
		if (names.isEmpty() || names.size() > 100) {
			throw new InvalidInput("databases", "name 1 to 100 databases for databaseMode LIST");
		}
		if (names.stream().anyMatch(n -> n.isBlank() || n.contains(",") || n.length() > 128)) {
			throw new InvalidInput("databases", "a database name is 1-128 characters without a comma");
		}
		return names;
	}

	private ScheduleRow visible(UUID id) {
		ScheduleRow row = records.find(id).orElseThrow(() -> new NotFound("Schedule", id));
		CurrentUser user = CurrentUser.require();
		if (!user.isAdmin() && !connections.visibleIds().contains(row.connectionId())) {
			throw new NotFound("Schedule", id);
		}
		return row;
	}

	private ScheduleRow row(UUID id, ScheduleRequest r, @org.jspecify.annotations.Nullable UUID ownerId,
			String ownerName, OffsetDateTime createdAt) {
		CronTimings.Compiled timing = CronTimings.compile(r.timing());
		DatabaseMode mode = r.databaseMode() == null ? DatabaseMode.DEFAULT : r.databaseMode();
		CronTimings.zone(r.timeZone());
		Compression compression = r.compression() == null ? Compression.ZSTD : r.compression();
		int level = r.compressionLevel() == null ? compression.defaultLevel() : r.compressionLevel();
		compression.checkLevel(level);
		List<String> targets = targets(r.targets());
		Retention retention = retention(r.retention());
		CronTimings.Compiled testRestore = null;
		if (r.testRestoreCron() != null && !r.testRestoreCron().isBlank()) {
			try {
				testRestore = CronTimings.compile(new Timing(TimingType.CRON, null, null, null, null, r.testRestoreCron()));
			}
			catch (InvalidInput e) {
				throw new InvalidInput("testRestoreCron", e.fieldErrors().values().iterator().next());
			}
		}
		return new ScheduleRow(id, r.name().strip(), r.connectionId(), ownerId, ownerName,
				r.kind() == null ? DumpKind.FULL : r.kind(), compression, level, r.encrypted() == null || r.encrypted(),
				targets, CronTimings.zone(r.timeZone()).getId(), r.enabled() == null || r.enabled(), r.timing(),
				timing.userCron(), timing.quartzCron(), retention, Boolean.TRUE.equals(r.verifyAfter()),
				testRestore == null ? null : testRestore.userCron(), testRestore == null ? null : testRestore.quartzCron(),
				r.connectionId().equals(r.testRestoreConnectionId()) ? null : r.testRestoreConnectionId(), createdAt,
				OffsetDateTime.now(ZoneOffset.UTC), mode, databaseNames(mode, r.databases()));
	}

	private List<String> targets(@org.jspecify.annotations.Nullable List<String> requested) {
		if (requested == null || requested.isEmpty()) {
			return List.of("local");
		}
		if (requested.size() > 10) {
			throw new InvalidInput("targets", "at most 10 storage targets");
		}
		LinkedHashSet<String> targets = new LinkedHashSet<>();
		for (String t : requested) {
			targets.add(backups.storageTargetKey(t, "targets")); // a managed target by id or name, kept by id
		}
		return List.copyOf(targets);
	}

	private static Retention retention(@org.jspecify.annotations.Nullable Retention r) {
		if (r == null) {
			return Retention.NONE;
		}
		check("retention.keepLast", r.keepLast(), 10_000);
		check("retention.keepDays", r.keepDays(), 36_500);
		check("retention.gfsDays", r.gfsDays(), 3_660);
		check("retention.gfsWeeks", r.gfsWeeks(), 520);
		check("retention.gfsMonths", r.gfsMonths(), 1_200);
		check("retention.gfsYears", r.gfsYears(), 100);
		check("retention.minimum", r.minimum(), 10_000);
		return r;
	}

	private static void check(String field, @org.jspecify.annotations.Nullable Integer value, int max) {
		if (value != null && (value < 0 || value > max)) {
			throw new InvalidInput(field, "must be between 0 and " + max);
		}
	}

	private ScheduleView view(ScheduleRow row) {
		String connectionName;
		try {
			connectionName = connections.resolveAsSystem(row.connectionId()).name();
		}
		catch (NotFound e) {
			connectionName = "(deleted connection)";
		}
		List<OffsetDateTime> next = row.enabled()
				? CronTimings.next(row.quartzCron(), CronTimings.zone(row.timeZone()), Instant.now(), 5) : List.of();
		return new ScheduleView(row.id(), row.name(), row.connectionId(), connectionName, row.kind(),
				row.compression(), row.compressionLevel(), row.encrypted(), row.targets(), row.retention(),
				row.timeZone(), row.enabled(), row.timing(), CronTimings.compile(row.timing()).description(),
				row.quartzCron(), next, runs.latest(row.id()).orElse(null), row.verifyAfter(), row.testRestoreCron(),
				row.testRestoreConnectionId(),
				verifications.latest(row.id()).orElse(null), row.ownerName(),
				row.createdAt(), row.databaseMode(), row.databases());
	}
}
