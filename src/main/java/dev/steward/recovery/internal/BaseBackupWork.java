package dev.steward.recovery.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.SealedObjects;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.PhysicalBackupCapability;
import dev.steward.engine.ToolControl;
import dev.steward.job.JobContext;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;
import dev.steward.recovery.RecoveryEvents;
import dev.steward.shared.Actor;

/**
 * A base backup as a job: the engine writes the tar into a private work directory (phase DUMPING, bytes tracked),
 * then it is sealed into storage (STORING) and recorded with where its WAL starts and ends. A failed or cancelled
 * run leaves neither the work directory nor a half-stored object behind, and its record says why.
 */
@Component
public class BaseBackupWork {

	private final RecoveryRecords records;

	private final RecoveryDirs dirs;

	private final SealedObjects sealed;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	BaseBackupWork(RecoveryRecords records, RecoveryDirs dirs, SealedObjects sealed, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.records = records;
		this.dirs = dirs;
		this.sealed = sealed;
		this.events = events;
		this.tx = tx;
	}

	public static String objectName(UUID connectionId, UUID backupId) {
		return "recovery/" + connectionId + "/base/" + backupId + ".tar.zst.stwenc";
	}

	public void run(UUID backupId, RecoveryRecords.Archive archive, ConnectionSpec spec,
			PhysicalBackupCapability engine, Actor actor, JobContext job) throws Exception {
		JobErrors.coded(job, () -> take(backupId, archive, spec, engine, actor, job));
	}

	private void take(UUID backupId, RecoveryRecords.Archive archive, ConnectionSpec spec,
			PhysicalBackupCapability engine, Actor actor, JobContext job) throws Exception {
		UUID connectionId = archive.connectionId();
		Path work = dirs.baseWork(backupId);
		ToolControl control = new ToolControl();
		job.onAbort(f -> control.abort(f.message()));
		job.onFailure(f -> {
			records.failBaseBackup(backupId, f.message());
			RecoveryDirs.deleteTree(work);
		});
		try {
			job.phase(JobPhase.DUMPING);
			Path tar = work.resolve("base.tar");
			job.track(ProgressUnit.BYTES, () -> size(tar), null);
			PhysicalBackupCapability.BaseBackup base = engine.baseBackup(spec, archive.segmentSize(), work, control);
			job.throwIfAborted();
			job.phase(JobPhase.STORING);
			SealedObjects.Sealed s;
			try (InputStream in = Files.newInputStream(tar)) {
				s = sealed.write(archive.storageTarget(), objectName(connectionId, backupId), in);
			}
			tx.executeWithoutResult(t -> {
				records.completeBaseBackup(backupId, s.checksum(), s.storedSize(), base.startLsn(), base.endLsn(),
						base.startSequence(), base.endSequence());
				events.publishEvent(new RecoveryEvents.BaseBackupTaken(actor, connectionId, backupId, s.storedSize()));
			});
			job.result(backupId.toString(), "Base backup " + base.startLsn() + " … " + base.endLsn() + ", "
					+ s.storedSize() + " bytes stored", null);
		}
		finally {
			RecoveryDirs.deleteTree(work);
		}
	}

	private static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (java.io.IOException e) {
			return 0;
		}
	}
}
