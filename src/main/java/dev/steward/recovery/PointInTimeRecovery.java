package dev.steward.recovery;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.BackupProperties;
import dev.steward.backup.SealedObjects;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ConnectionProfiles;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.Engines;
import dev.steward.engine.PhysicalBackupCapability;
import dev.steward.engine.PhysicalBackupCapability.Prerequisite;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.job.JobKind;
import dev.steward.job.JobRequest;
import dev.steward.job.JobView;
import dev.steward.job.Jobs;
import dev.steward.recovery.internal.BaseBackupWork;
import dev.steward.recovery.internal.RecoveryDirs;
import dev.steward.recovery.internal.RecoveryRecords;
import dev.steward.recovery.internal.RecoveryWindow;
import dev.steward.recovery.internal.RestoredProcesses;
import dev.steward.recovery.internal.WalArchiver;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Turning point-in-time recovery on and off for a server, its status, restore points, and removing restored
 * instances. Every change needs the right to write into the connection's server (owner or ADMIN), checked before
 * the request is validated, and is audited.
 */
@Service
public class PointInTimeRecovery {

	/** Restore point names: no quotes, backslashes or control characters (bound as a parameter anyway). */
	static final Pattern RESTORE_POINT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 _.:-]{0,62}$");

	private final ConnectionLookup connections;

	private final ConnectionProfiles profiles;

	private final Engines engines;

	private final RecoveryRecords records;

	private final WalArchiver archiver;

	private final BaseBackupWork baseBackups;

	private final RestoredProcesses processes;

	private final Jobs jobs;

	private final SealedObjects sealed;

	private final BackupProperties props;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final RecoveryDirs dirs;

	PointInTimeRecovery(ConnectionLookup connections, ConnectionProfiles profiles, Engines engines,
			RecoveryRecords records, WalArchiver archiver, BaseBackupWork baseBackups, RestoredProcesses processes,
			Jobs jobs, SealedObjects sealed, BackupProperties props, ApplicationEventPublisher events,
			TransactionTemplate tx, RecoveryDirs dirs) {
		this.dirs = dirs;
		this.connections = connections;
		this.profiles = profiles;
		this.engines = engines;
		this.records = records;
		this.archiver = archiver;
		this.baseBackups = baseBackups;
		this.processes = processes;
		this.jobs = jobs;
		this.sealed = sealed;
		this.props = props;
		this.events = events;
		this.tx = tx;
	}

	PhysicalBackupCapability capability(ResolvedConnection c) {
		return engines.findCapability(c.engine(), PhysicalBackupCapability.class)
			.orElseThrow(() -> new Conflict(engines.traits(c.engine()).displayName()
					+ " connections have no point-in-time recovery in Steward yet"));
	}

	/**
	 * Checks the prerequisites, creates the replication slot, starts archiving and submits the first base backup;
	 * answers the base backup's job. Enabling again takes another base backup.
	 */
	public JobView enable(UUID connectionId) {
		ResolvedConnection c = connections.resolveWritable(connectionId);
		PhysicalBackupCapability engine = capability(c);
		ConnectionSpec spec = c.spec();
		Actor actor = Actor.current();
		List<Prerequisite> missing;
		PhysicalBackupCapability.ServerFacts facts;
		try {
			missing = engine.prerequisites(spec).stream().filter(p -> !p.met()).toList();
			facts = engine.facts(spec);
		}
		catch (ToolUnavailable e) {
			throw new Conflict(e.getMessage());
		}
		if (!missing.isEmpty()) {
			tx.executeWithoutResult(t -> events.publishEvent(new RecoveryEvents.RecoveryRefused(actor, connectionId,
					String.join(", ", missing.stream().map(Prerequisite::name).toList()))));
			throw new PrerequisitesMissing(missing);
		}
		String slot = "steward_" + connectionId.toString().replace("-", "").substring(0, 16);
		try {
			engine.ensureSlot(spec, slot);
		}
		catch (ToolFailed e) {
			throw new Conflict(e.getMessage());
		}
		String target = sealed.targetKey("local", "storage");
		CurrentUser user = CurrentUser.require();
		records.upsertArchive(connectionId, slot, target, facts.major(), facts.segmentSize(), user.username());
		archiver.start(connectionId);
		RecoveryRecords.Archive archive = records.archive(connectionId).orElseThrow();
		UUID backupId = UUID.randomUUID();
		return tx.execute(t -> {
			JobView job = jobs.submit(new JobRequest(JobKind.PHYSICAL_BACKUP, connectionId, backupId, actor, user.id(),
					user.username(), "physical:" + connectionId, props.stallTimeout(), props.overallTimeout()),
					ctx -> baseBackups.run(backupId, archive, spec, engine, actor, ctx));
			records.insertBaseBackup(backupId, connectionId, job.id(), BaseBackupWork.objectName(connectionId, backupId));
			events.publishEvent(new RecoveryEvents.RecoveryEnabled(actor, connectionId, slot, job.id()));
			return job;
		});
	}

	/** Stops archiving and drops the slot; archived WAL and base backups stay, and so does the window. */
	public RecoveryStatus disable(UUID connectionId) {
		ResolvedConnection c = connections.resolveWritable(connectionId);
		RecoveryRecords.Archive archive = records.archive(connectionId)
			.orElseThrow(() -> new NotFound("Point-in-time recovery of connection", connectionId));
		archiver.stop(connectionId);
		String reason = "Stopped on request";
		try {
			dropSlot(capability(c), c.spec(), archive.slotName());
		}
		catch (RuntimeException e) {
			reason = "Stopped on request; the replication slot " + archive.slotName()
					+ " could not be dropped (drop it on the server so it stops keeping WAL): " + e.getMessage();
		}
		String why = reason;
		Actor actor = Actor.current();
		tx.executeWithoutResult(t -> {
			records.archiveState(connectionId, ArchiverState.STOPPED, why);
			events.publishEvent(new RecoveryEvents.RecoveryDisabled(actor, connectionId));
		});
		return status(connectionId);
	}

	private static void dropSlot(PhysicalBackupCapability engine, ConnectionSpec spec, String slot) {
		// the server notices the receiver is gone within moments; until then the slot is still active
		for (int i = 0; i < 20; i++) {
			engine.dropSlot(spec, slot);
			if (engine.slotRetainedBytes(spec, slot) == null) {
				return;
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new ToolFailed("the slot is still in use");
	}

	public RecoveryStatus status(UUID connectionId) {
		ResolvedConnection c = connections.resolve(connectionId);
		var archive = records.archive(connectionId);
		if (archive.isEmpty()) {
			return RecoveryStatus.disabled(connectionId);
		}
		RecoveryRecords.Archive a = archive.get();
		List<RecoveryRecords.WalFile> files = records.walFiles(connectionId);
		List<RecoveryRecords.BaseBackupRow> bases = records.baseBackups(connectionId);
		RecoveryWindow w = RecoveryWindow.of(files, bases);
		RecoveryRecords.WalFile last = files.stream().filter(f -> f.seqNo() >= 0).reduce((x, y) -> y).orElse(null);
		return new RecoveryStatus(connectionId, true, a.status(), a.reason(), a.slotName(), retained(c, a),
				last == null ? null : last.fileName(), last == null ? null : last.completedAt().toInstant(),
				files.size(), w.from() == null || w.to() == null ? null : new RecoveryStatus.RecoverableWindow(w.from(), w.to()),
				w.gap(), bases.stream().map(PointInTimeRecovery::view).toList(),
				records.restorePoints(connectionId).stream()
					.map(p -> new RecoveryStatus.RestorePointView(p.name(), p.lsn(), p.createdAt().toInstant(), p.createdBy()))
					.toList(),
				records.instances(connectionId).stream()
					.map(i -> new RecoveryStatus.RestoredInstanceView(i.id(), i.port(), i.target(), i.reachedLsn(),
							i.createdAt().toInstant(), i.createdBy(), processes.has(i.id())))
					.toList());
	}

	private @Nullable Long retained(ResolvedConnection c, RecoveryRecords.Archive a) {
		if (a.status() == ArchiverState.STOPPED) {
			return null;
		}
		try {
			return capability(c).slotRetainedBytes(c.spec(), a.slotName());
		}
		catch (RuntimeException e) {
			return null; // unreachable now: the archiver's state says more
		}
	}

	private static RecoveryStatus.PhysicalBaseBackup view(RecoveryRecords.BaseBackupRow b) {
		return new RecoveryStatus.PhysicalBaseBackup(b.id(), b.status(), b.startedAt().toInstant(),
				b.finishedAt() == null ? null : b.finishedAt().toInstant(), b.startLsn(), b.endLsn(), b.storedSize(),
				b.error());
	}

	/** Sets a named restore point on the server (name validated, then bound as a parameter). */
	public RecoveryStatus.RestorePointView createRestorePoint(UUID connectionId, @Nullable String name) {
		ResolvedConnection c = connections.resolveWritable(connectionId);
		if (name == null || !RESTORE_POINT.matcher(name).matches()) {
			throw new InvalidInput("name", "must be 1-63 letters, digits, space, _ . : - (starting with a letter or digit)");
		}
		if (records.archive(connectionId).filter(a -> a.status() != ArchiverState.STOPPED).isEmpty()) {
			throw new Conflict("Point-in-time recovery is not enabled for this connection; enable it first");
		}
		if (records.restorePoint(connectionId, name).isPresent()) {
			throw new Conflict("A restore point named '" + name + "' exists already");
		}
		String lsn;
		try {
			lsn = capability(c).createRestorePoint(c.spec(), name);
		}
		catch (ToolFailed | ToolUnavailable e) {
			throw new Conflict(e.getMessage());
		}
		Actor actor = Actor.current();
		return tx.execute(t -> {
			if (!records.insertRestorePoint(connectionId, name, lsn, actor.username())) {
				throw new Conflict("A restore point named '" + name + "' exists already");
			}
			events.publishEvent(new RecoveryEvents.RestorePointCreated(actor, connectionId, name, lsn));
			return records.restorePoint(connectionId, name)
				.map(p -> new RecoveryStatus.RestorePointView(p.name(), p.lsn(), p.createdAt().toInstant(), p.createdBy()))
				.orElseThrow();
		});
	}

	/** Stops a restored instance, deletes its files and its connection. */
	public void removeInstance(UUID id) {
		connections.resolveWritable(id);
		RecoveryRecords.InstanceRow row = records.instance(id).orElseThrow(() -> new NotFound("Restored instance", id));
		if (!processes.stop(id) && !row.instanceId().equals(RestoredProcesses.INSTANCE)) {
			throw new Conflict("The restored instance was started by another Steward instance (" + row.instanceId()
					+ "); remove it through that one");
		}
		Path dir = Path.of(row.directory());
		if (dirs.isInstanceDir(dir)) {
			RecoveryDirs.deleteTree(dir);
		}
		Actor actor = Actor.current();
		tx.executeWithoutResult(t -> {
			records.deleteInstance(id);
			profiles.delete(id);
			events.publishEvent(new RecoveryEvents.RestoredInstanceRemoved(actor, id));
		});
	}
}
