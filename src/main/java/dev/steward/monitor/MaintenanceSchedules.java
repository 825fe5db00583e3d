package dev.steward.monitor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.MaintenanceOperation;
import dev.steward.job.JobStatus;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.monitor.MaintenanceScheduleEvents.ScheduleCreated;
import dev.steward.monitor.MaintenanceScheduleEvents.ScheduleDeleted;
import dev.steward.monitor.MaintenanceScheduleEvents.ScheduleRunNotStarted;
import dev.steward.monitor.MaintenanceScheduleEvents.ScheduleUpdated;
import dev.steward.monitor.internal.MaintenanceScheduleStore;
import dev.steward.monitor.internal.MaintenanceScheduleStore.Row;
import dev.steward.schedule.CronExpressions;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Maintenance on a schedule: an operation and tables run at the times of a 5-field cron in a time zone, as the
 * connection's writer would run it by hand. Listing needs sight of the connection; creating, changing and deleting
 * the right to write to it (checked before the body); each change audited. {@link #fireDue} starts the runs that
 * came due, each claimed in the store so several instances start it once; a run whose previous job is still
 * running is skipped, one whose owner may no longer write to the connection refused, both recorded and audited.
 */
@Service
public class MaintenanceSchedules {

	/** Schedules one connection may have. */
	public static final int MAX_PER_CONNECTION = 20;

	/** Due schedules one poll starts at most (the rest on the next). */
	static final int MAX_PER_POLL = 100;

	private static final Logger log = LoggerFactory.getLogger(MaintenanceSchedules.class);

	private final MaintenanceScheduleStore store;

	private final ConnectionLookup lookup;

	private final Maintenance maintenance;

	private final Jobs jobs;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final tools.jackson.databind.json.JsonMapper json;

	MaintenanceSchedules(MaintenanceScheduleStore store, ConnectionLookup lookup, Maintenance maintenance, Jobs jobs,
			ApplicationEventPublisher events, TransactionTemplate tx, tools.jackson.databind.json.JsonMapper json) {
		this.store = store;
		this.lookup = lookup;
		this.maintenance = maintenance;
		this.jobs = jobs;
		this.events = events;
		this.tx = tx;
		this.json = json;
	}

	/** A request checked: what the row stores. */
	private record Checked(MaintenanceOperation operation, List<MaintenanceRequest.TableName> tables,
			CronExpressions.Checked cron, ZoneId zone, boolean enabled) {
	}

	@Transactional(readOnly = true)
	public List<MaintenanceScheduleView> list(UUID connectionId) {
		lookup.resolve(connectionId);
		Instant now = Instant.now();
		return store.byConnection(connectionId).stream().map(r -> view(r, now)).toList();
	}

	@Transactional
	public MaintenanceScheduleView create(UUID connectionId, MaintenanceScheduleRequest request) {
		ResolvedConnection connection = lookup.resolveWritable(connectionId);
		Checked c = check(connection, request);
		if (store.count(connectionId) >= MAX_PER_CONNECTION) {
			throw new Conflict("A connection may have at most " + MAX_PER_CONNECTION + " maintenance schedules");
		}
		CurrentUser user = CurrentUser.require();
		Instant now = Instant.now();
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		Row row = new Row(UUID.randomUUID(), connectionId, c.operation(), json.writeValueAsString(c.tables()),
				c.cron().cron(), c.zone().getId(), c.enabled(), user.id(), user.username(), at, at,
				nextDue(c, now), null, null, null, null);
		store.insert(row);
		events.publishEvent(new ScheduleCreated(Actor.current(), row.id(), connectionId, connection.name(),
				row.operation().name(), row.cron(), row.timeZone()));
		return view(row, now);
	}

	@Transactional
	public MaintenanceScheduleView update(UUID id, MaintenanceScheduleRequest request) {
		Row old = store.find(id).orElseThrow(() -> new NotFound("maintenance schedule", id));
		ResolvedConnection connection = lookup.resolveWritable(old.connectionId());
		Checked c = check(connection, request);
		Instant now = Instant.now();
		Row row = new Row(id, old.connectionId(), c.operation(), json.writeValueAsString(c.tables()), c.cron().cron(),
				c.zone().getId(), c.enabled(), old.ownerId(), old.ownerName(), old.createdAt(),
				OffsetDateTime.ofInstant(now, ZoneOffset.UTC), nextDue(c, now), old.lastRunAt(), old.lastJobId(),
				old.lastStatus(), old.lastReason());
		store.update(row);
		events.publishEvent(new ScheduleUpdated(Actor.current(), id, row.connectionId(), connection.name(),
				row.operation().name(), row.cron(), row.timeZone(), row.enabled()));
		return view(row, now);
	}

	@Transactional
	public void delete(UUID id) {
		Row old = store.find(id).orElseThrow(() -> new NotFound("maintenance schedule", id));
		ResolvedConnection connection = lookup.resolveWritable(old.connectionId());
		store.delete(id);
		events.publishEvent(new ScheduleDeleted(Actor.current(), id, old.connectionId(), connection.name(),
				old.operation().name(), old.cron(), old.timeZone()));
	}

	/**
	 * Starts the runs due at {@code now}: each schedule claimed (its next due moved past now) before it starts, so
	 * a second call, here or on another instance, starts nothing more. Returns how many this call claimed.
	 */
	public int fireDue(Instant now) {
		int claimed = 0;
		for (Row row : store.due(now, MAX_PER_POLL)) {
			@Nullable Instant next = null;
			try {
				CronExpressions.Checked cron = CronExpressions.check(row.cron(), "cron");
				List<OffsetDateTime> after = CronExpressions.next(cron.quartzCron(), ZoneId.of(row.timeZone()), now, 1);
				next = after.isEmpty() ? null : after.get(0).toInstant();
			}
			catch (RuntimeException e) {
				log.warn("Maintenance schedule {} has an expression that no longer parses; it will not run again",
						row.id(), e);
			}
			if (!store.claim(row.id(), now, next)) {
				continue;
			}
			claimed++;
			fire(row, now);
		}
		return claimed;
	}

	private void fire(Row row, Instant now) {
		if (row.lastJobId() != null) {
			JobStatus previous = jobs.find(row.lastJobId()).map(JobView::status).orElse(null);
			if (previous != null && !previous.finished()) {
				notStarted(row, now, MaintenanceScheduleOutcome.SKIPPED,
						"the previous run (job " + row.lastJobId() + ") is still " + previous);
				return;
			}
		}
		MaintenanceRequest request = new MaintenanceRequest(row.operation(), tables(row));
		try {
			JobView job = maintenance.startForSchedule(row.connectionId(), request, row.ownerId(), row.ownerName(),
					row.id());
			store.recordRun(row.id(), now, MaintenanceScheduleOutcome.STARTED, job.id(), null);
		}
		catch (Maintenance.OwnerMayNotWrite | NotFound e) {
			notStarted(row, now, MaintenanceScheduleOutcome.REFUSED, String.valueOf(e.getMessage()));
		}
		catch (RuntimeException e) {
			log.warn("Maintenance schedule {} could not start its run", row.id(), e);
			notStarted(row, now, MaintenanceScheduleOutcome.FAILED, String.valueOf(e.getMessage()));
		}
	}

	private void notStarted(Row row, Instant now, MaintenanceScheduleOutcome outcome, String reason) {
		String why = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
		tx.executeWithoutResult(s -> {
			store.recordRun(row.id(), now, outcome, null, why);
			events.publishEvent(new ScheduleRunNotStarted(Actor.system(), row.id(), row.connectionId(), outcome, why));
		});
	}

	private Checked check(ResolvedConnection connection, MaintenanceScheduleRequest r) {
		MaintenanceRequest request = new MaintenanceRequest(r.operation(), r.tables());
		Maintenance.named(r.tables());
		maintenance.check(connection, request);
		String cron = r.cron() == null ? null : r.cron().trim();
		if (cron == null || cron.isEmpty()) {
			throw new InvalidInput("cron", "is required (5 fields: minute hour day-of-month month day-of-week)");
		}
		int fields = cron.split("\\s+").length;
		if (fields != 5) {
			throw new InvalidInput("cron", "has " + fields
					+ " fields; write 5: minute hour day-of-month month day-of-week (e.g. 30 3 * * 0)");
		}
		CronExpressions.Checked checked = CronExpressions.check(cron, "cron");
		ZoneId zone = CronExpressions.zone(r.timeZone(), "timeZone");
		if (CronExpressions.next(checked.quartzCron(), zone, Instant.now(), 1).isEmpty()) {
			throw new InvalidInput("cron", "never comes due");
		}
		List<MaintenanceRequest.TableName> tables = r.tables() == null ? List.of()
				: r.tables().stream().map(t -> new MaintenanceRequest.TableName(
						t.schema() == null || t.schema().isBlank() ? null : t.schema(), t.name())).toList();
		return new Checked(r.operation(), tables, checked, zone, r.enabled() == null || r.enabled());
	}

	private static @Nullable OffsetDateTime nextDue(Checked c, Instant now) {
		if (!c.enabled()) {
			return null;
		}
		List<OffsetDateTime> next = CronExpressions.next(c.cron().quartzCron(), c.zone(), now, 1);
		return next.isEmpty() ? null : next.get(0).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private List<MaintenanceRequest.TableName> tables(Row row) {
		return Arrays.asList(json.readValue(row.tablesJson(), MaintenanceRequest.TableName[].class));
	}

	private MaintenanceScheduleView view(Row row, Instant now) {
		CronExpressions.Checked cron = CronExpressions.check(row.cron(), "cron");
		ZoneId zone = ZoneId.of(row.timeZone());
		List<OffsetDateTime> nextRuns = row.enabled() ? CronExpressions.next(cron.quartzCron(), zone, now, 3)
				: List.of();
		MaintenanceScheduleRun last = null;
		if (row.lastRunAt() != null && row.lastStatus() != null) {
			boolean hasJob = row.lastStatus() == MaintenanceScheduleOutcome.STARTED
					|| row.lastStatus() == MaintenanceScheduleOutcome.SKIPPED;
			UUID jobId = hasJob ? row.lastJobId() : null;
			JobStatus jobStatus = jobId == null ? null : jobs.find(jobId).map(JobView::status).orElse(null);
			last = new MaintenanceScheduleRun(row.lastRunAt(), row.lastStatus(), jobId, jobStatus,
					row.lastReason());
		}
		return new MaintenanceScheduleView(row.id(), row.connectionId(), row.operation(), tables(row), row.cron(),
				cron.description(), row.timeZone(), row.enabled(), row.ownerName(), row.createdAt(), row.updatedAt(),
				nextRuns, last);
	}
}
