package dev.steward.recovery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.BackupProperties;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.PhysicalBackupCapability;
import dev.steward.engine.PhysicalBackupCapability.RecoveryTarget;
import dev.steward.job.JobKind;
import dev.steward.job.JobRequest;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.recovery.internal.PitrRestoreWork;
import dev.steward.recovery.internal.RecoveryRecords;
import dev.steward.recovery.internal.RecoveryWindow;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;

/**
 * Restores to a point: the target is checked against the recoverable window at once (rights first, then the body),
 * the base backup and WAL chosen, and the work runs as a job whose result names the restored instance's connection.
 */
@Service
public class PointInTimeRestores {

	private final ConnectionLookup connections;

	private final PointInTimeRecovery recovery;

	private final RecoveryRecords records;

	private final PitrRestoreWork work;

	private final Jobs jobs;

	private final BackupProperties props;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	PointInTimeRestores(ConnectionLookup connections, PointInTimeRecovery recovery, RecoveryRecords records,
			PitrRestoreWork work, Jobs jobs, BackupProperties props, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.connections = connections;
		this.recovery = recovery;
		this.records = records;
		this.work = work;
		this.jobs = jobs;
		this.props = props;
		this.events = events;
		this.tx = tx;
	}

	public JobView restore(UUID connectionId, RecoveryTargetRequest request) {
		ResolvedConnection c = connections.resolveWritable(connectionId);
		PhysicalBackupCapability engine = recovery.capability(c);
		long given = Stream.of(request.time(), request.lsn(), request.restorePoint(),
				Boolean.TRUE.equals(request.latest()) ? "latest" : null).filter(v -> v != null).count();
		if (given != 1) {
			throw new InvalidInput("target", "give exactly one of time, lsn, restorePoint or latest: true");
		}
		Instant time = request.time() == null ? null : parseTime(request.time());
		if (request.lsn() != null && !engine.validLsn(request.lsn())) {
			throw new InvalidInput("lsn", "is not a WAL position (e.g. 0/3000060)");
		}
		if (request.restorePoint() != null && !PointInTimeRecovery.RESTORE_POINT.matcher(request.restorePoint()).matches()) {
			throw new InvalidInput("restorePoint", "must be 1-63 letters, digits, space, _ . : - (starting with a letter or digit)");
		}
		RecoveryRecords.Archive archive = records.archive(connectionId)
			.orElseThrow(() -> new Conflict("Point-in-time recovery is not enabled for this connection"));
		RecoveryWindow window = RecoveryWindow.of(records.walFiles(connectionId), records.baseBackups(connectionId));
		if (window.from() == null || window.to() == null) {
			throw new Conflict("There is no recoverable window yet: it needs a completed base backup and the WAL after it"
					+ (window.gap() == null ? "" : "; " + window.gap()));
		}
		Chosen chosen = choose(request, time, engine, archive, window, connectionId);
		List<RecoveryRecords.WalFile> wal = records.walFiles(connectionId).stream()
			.filter(f -> f.seqNo() < 0 || (f.seqNo() >= chosen.base().startSeq() && f.seqNo() <= window.lastSeq()))
			.toList();
		CurrentUser user = CurrentUser.require();
		Actor actor = Actor.current();
		PitrRestoreWork.Plan plan = new PitrRestoreWork.Plan(archive, c.name(), c.spec(), user.id(), chosen.base(), wal,
				chosen.target(), chosen.text(), actor);
		return tx.execute(t -> {
			JobView job = jobs.submit(new JobRequest(JobKind.PITR_RESTORE, connectionId, chosen.base().id(), actor,
					user.id(), user.username(), null, props.stallTimeout(), props.overallTimeout()),
					ctx -> work.run(plan, engine, ctx));
			events.publishEvent(new RecoveryEvents.PointInTimeRestoreStarted(actor, connectionId, chosen.text(), job.id()));
			return job;
		});
	}

	private record Chosen(RecoveryRecords.BaseBackupRow base, RecoveryTarget target, String text) {
	}

	private static Instant parseTime(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new InvalidInput("time", "must be an ISO-8601 time with an offset, e.g. 2026-05-01T12:00:00Z");
		}
	}

	private Chosen choose(RecoveryTargetRequest request, @Nullable Instant time, PhysicalBackupCapability engine,
			RecoveryRecords.Archive archive, RecoveryWindow window, UUID connectionId) {
		String range = " (the recoverable window is " + window.from() + " to " + window.to() + ")";
		if (time != null) {
			if (time.isBefore(window.from()) || time.isAfter(window.to())) {
				throw new InvalidInput("time", "is outside the recoverable window" + range);
			}
			var base = window.baseFor(time);
			if (base == null) {
				throw new InvalidInput("time", "is before the oldest usable base backup ended" + range);
			}
			return new Chosen(base, new RecoveryTarget(time, null, null), "time " + time);
		}
		if (request.restorePoint() != null) {
			String name = request.restorePoint();
			RecoveryRecords.RestorePointRow point = records.restorePoint(connectionId, name)
				.orElseThrow(() -> new InvalidInput("restorePoint", "no restore point of that name was set through Steward"));
			var base = byPosition(engine, archive, window, point.lsn(), "restorePoint", range);
			return new Chosen(base, new RecoveryTarget(null, null, name), "restore point '" + name + "'");
		}
		if (request.lsn() != null) {
			var base = byPosition(engine, archive, window, request.lsn(), "lsn", range);
			return new Chosen(base, new RecoveryTarget(null, request.lsn(), null), "position " + request.lsn());
		}
		return new Chosen(window.bases().getFirst(), new RecoveryTarget(null, null, null),
				"the latest archived WAL (" + window.lastFile() + ")");
	}

	private static RecoveryRecords.BaseBackupRow byPosition(PhysicalBackupCapability engine,
			RecoveryRecords.Archive archive, RecoveryWindow window, String lsn, String field, String range) {
		long position = engine.lsnValue(lsn);
		if (engine.sequenceOf(lsn, archive.segmentSize()) > window.lastSeq()) {
			throw new InvalidInput(field, "is after the last archived WAL segment " + window.lastFile() + range);
		}
		var base = window.baseFor(position, engine::lsnValue);
		if (base == null) {
			throw new InvalidInput(field, "is before the oldest usable base backup ended" + range);
		}
		return base;
	}
}
