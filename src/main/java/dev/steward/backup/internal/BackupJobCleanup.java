package dev.steward.backup.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.BackupEvents;
import dev.steward.backup.BackupStatus;
import dev.steward.connection.ConnectionLookup;
import dev.steward.engine.Engines;
import dev.steward.engine.RestoreCapability;
import dev.steward.job.JobCleanup;
import dev.steward.job.JobEvents;
import dev.steward.job.JobStatus;
import dev.steward.job.JobFailure;
import dev.steward.job.JobKind;
import dev.steward.job.JobView;
import dev.steward.job.ReasonCode;
import dev.steward.shared.Actor;

/**
 * Cleans up after backup-module jobs that no process finished (a restart, or an instance whose lease expired):
 * an interrupted backup is FAILED and its partial artefact removed; a restore's or test restore's new database
 * is dropped and its staged file removed.
 */
@Component
class BackupJobCleanup implements JobCleanup {

	private static final Logger log = LoggerFactory.getLogger(BackupJobCleanup.class);

	private final BackupRecords records;

	private final BackupStores stores;

	private final ConnectionLookup connections;

	private final Engines engines;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final BackupCopies copies;

	BackupJobCleanup(BackupRecords records, BackupStores stores, ConnectionLookup connections, Engines engines,
			ApplicationEventPublisher events, TransactionTemplate tx, BackupCopies copies) {
		this.copies = copies;
		this.records = records;
		this.stores = stores;
		this.connections = connections;
		this.engines = engines;
		this.events = events;
		this.tx = tx;
	}

	@Override
	public Set<JobKind> kinds() {
		return Set.of(JobKind.BACKUP, JobKind.RESTORE, JobKind.TEST_RESTORE);
	}

	@Override
	public void cleanUp(JobView job, Map<String, String> remembered) {
		if (job.kind() == JobKind.BACKUP && job.subjectId() != null) {
			JobFailure failure = job.failure() != null ? job.failure()
					: new JobFailure(ReasonCode.INTERRUPTED, "Steward stopped while this backup was running");
			records.find(job.subjectId()).ifPresent(row -> failBackup(row, failure));
			return;
		}
		String staged = remembered.get(RestoreWork.STAGED_FILE);
		if (staged != null) {
			RestoreWork.deleteQuietly(Path.of(staged));
		}
		String database = remembered.get(RestoreWork.CREATED_DATABASE);
		String target = remembered.get(RestoreWork.TARGET_CONNECTION);
		if (database != null && target != null) {
			var connection = connections.resolveAsSystem(UUID.fromString(target));
			engines.capability(connection.engine(), RestoreCapability.class).dropDatabase(connection.spec(), database);
			log.info("Dropped {} left by interrupted job {}", database, job.id());
		}
	}

	private void failBackup(BackupRow row, JobFailure failure) {
		JobFailure said = new JobFailure(failure.reason(), failure.message() + "; the partial artefact was removed");
		tx.executeWithoutResult(s -> {
			if (records.finishUnsuccessfully(row.id(), BackupStatus.FAILED, OffsetDateTime.now(ZoneOffset.UTC), said, 0)) {
				events.publishEvent(new BackupEvents.BackupFailed(Actor.system(), row.id(), said.message()));
			}
		});
		List<String> targets = new java.util.ArrayList<>(copies.of(row.id()).stream().map(BackupCopies.Copy::targetKey).toList());
		if (targets.isEmpty()) {
			targets.add(row.artefact().storageTarget());
		}
		tx.executeWithoutResult(s -> copies.failOpen(row.id(), said.message(), OffsetDateTime.now(ZoneOffset.UTC)));
		for (String target : targets) {
			try {
				BackupStore store = stores.get(target);
				DumpExecution.deleteQuietly(store, row.artefact().objectName());
				DumpExecution.deleteQuietly(store, row.artefact().manifestName());
			}
			catch (RuntimeException e) {
				log.warn("Could not clean up interrupted backup {} on {}: {}", row.id(), target, e.getMessage());
			}
		}
	}

	/**
	 * A backup's row takes its job's end however the job ended, also when its work never ran (cancelled while
	 * queued, failed by a lease): runs in the transaction that stores the job's end.
	 */
	@EventListener
	void on(JobEvents.JobFinished finished) {
		if (finished.kind() != JobKind.BACKUP || finished.subjectId() == null || finished.failure() == null) {
			return;
		}
		boolean cancelled = finished.status() == JobStatus.CANCELLED;
		UUID backup = finished.subjectId();
		copies.failOpen(backup, finished.failure().message(), OffsetDateTime.now(ZoneOffset.UTC));
		if (records.finishUnsuccessfully(backup, cancelled ? BackupStatus.CANCELLED : BackupStatus.FAILED,
				OffsetDateTime.now(ZoneOffset.UTC), finished.failure(), 0)) {
			events.publishEvent(cancelled ? new BackupEvents.BackupCancelled(Actor.system(), backup)
					: new BackupEvents.BackupFailed(Actor.system(), backup, finished.failure().message()));
		}
	}

	/** Runs from before jobs existed, and partial uploads a crash left in the stores. */
	@EventListener(ApplicationReadyEvent.class)
	@Order(0)
	void recoverLegacyRunsAndPartials() {
		for (BackupRow row : records.openWithoutJob()) {
			failBackup(row, new JobFailure(ReasonCode.INTERRUPTED, "Steward stopped while this backup was running"));
		}
		for (BackupStore store : stores.all()) {
			try {
				int removed = store.cleanupPartials();
				if (removed > 0) {
					log.info("Removed {} partial backup upload(s) from {}", removed, store.name());
				}
			}
			catch (IOException e) {
				log.warn("Could not clean partial uploads in {}: {}", store.name(), e.getMessage());
			}
		}
	}
}
