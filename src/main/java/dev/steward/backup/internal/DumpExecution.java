package dev.steward.backup.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.BackupEvents;
import dev.steward.backup.BackupManifest;
import dev.steward.backup.BackupStatus;
import dev.steward.backup.StorageTargetEvents;
import dev.steward.engine.DumpResult;
import dev.steward.engine.ToolControl;
import dev.steward.job.JobContext;
import dev.steward.job.JobFailure;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;
import dev.steward.job.ReasonCode;

/**
 * One backup run as a job's work: dump → compress → encrypt → store, then the manifest. A failed or cancelled
 * run leaves no artefact and says why with a typed reason.
 */
@Component
public class DumpExecution {

	private static final Logger log = LoggerFactory.getLogger(DumpExecution.class);

	private final BackupRecords records;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final BackupCopies copyRecords;

	private final BackupStores stores;

	DumpExecution(BackupRecords records, ApplicationEventPublisher events, TransactionTemplate tx,
			BackupCopies copyRecords, BackupStores stores) {
		this.copyRecords = copyRecords;
		this.stores = stores;
		this.records = records;
		this.events = events;
		this.tx = tx;
	}

	public void execute(DumpRun run, JobContext job) throws IOException {
		try {
			dump(run, job);
		}
		catch (IOException | RuntimeException e) {
			if (job.aborted() != null || e instanceof dev.steward.job.JobException) {
				throw e;
			}
			throw BackupFailures.typed(e, "");
		}
	}

	private void dump(DumpRun run, JobContext job) throws IOException {
		BackupRow row = run.row();
		ToolControl control = new ToolControl();
		job.onAbort(f -> control.abort(f.message()));
		AtomicReference<AtomicLong> raw = new AtomicReference<>(new AtomicLong());
		job.onFailure(f -> failed(run, f, raw.get().get())); // registered first: runs after the clean-up
		Instant started = Instant.now();
		tx.executeWithoutResult(s -> records.markStarted(row.id(), DumpRun.utc(started)));
		CopyFanOut copies = new CopyFanOut(run.stores(), row.artefact().objectName());
		job.onFailure(f -> copies.abortAll());
		copies.requireAny();
		BackupPipeline.Writer writer = BackupPipeline.writer(copies, row.artefact().compression(),
				row.artefact().compressionLevel(), run.key());
		job.onFailure(f -> writer.abandon());
		raw.set(writer.rawBytes());
		job.track(ProgressUnit.BYTES, writer.rawBytes()::get, null);
		run.stored().set(writer.storedBytes()::get);
		job.phase(JobPhase.DUMPING); // with its counter: whoever sees DUMPING sees bytes
		DumpResult result = run.dump().dump(run.spec(), run.options(), writer.input(), control);
		job.throwIfAborted();
		job.phase(JobPhase.STORING);
		String sha = writer.finish();
		List<BackupStore> stored = copies.commit();
		job.onFailure(f -> copies.committed().forEach(s -> deleteQuietly(s, row.artefact().objectName())));
		Instant finished = Instant.now();
		BackupManifest manifest = run.manifest(result, writer.rawBytes().get(), writer.storedBytes().get(), sha,
				started, finished);
		String manifestJson = BackupAccess.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
		job.onFailure(f -> copies.committed().forEach(s -> deleteQuietly(s, row.artefact().manifestName())));
		for (BackupStore store : stored) {
			try {
				store.writeSmall(row.artefact().manifestName(), DumpRun.utf8(manifestJson));
			}
			catch (IOException | RuntimeException e) {
				copies.failCommitted(store, e);
				deleteQuietly(store, row.artefact().objectName());
			}
		}
		if (copies.committed().isEmpty()) {
			throw new IOException("No storage target took the backup: " + copies.failed().values());
		}
		job.throwIfAborted();
		OffsetDateTime at = DumpRun.utc(finished);
		tx.executeWithoutResult(s -> {
			if (records.complete(row.id(), at, manifest.rawSize(), manifest.storedSize(), sha, manifestJson)) {
				for (BackupStore store : copies.committed()) {
					copyRecords.complete(row.id(), store.name(), sha, manifest.storedSize(), at);
				}
				copies.failed().forEach((store, why) -> {
					if (copyRecords.fail(row.id(), store.name(), why, at)) {
						events.publishEvent(new StorageTargetEvents.CopyFailed(run.actor(), row.id(), store.name(),
								stores.displayName(store.name()), why, true));
					}
				});
				events.publishEvent(new BackupEvents.BackupCompleted(run.actor(), row.id(), manifest.storedSize(),
						manifest.durationMillis()));
			}
		});
		int failedCopies = copies.failed().size();
		job.result("backup:" + row.id(), manifest.storedSize() + " bytes stored as " + row.artefact().fileName()
				+ " on " + copies.committed().size() + " target(s)" + (failedCopies == 0 ? "" : ", " + failedCopies
						+ " cop" + (failedCopies == 1 ? "y" : "ies") + " failed"), null);
	}

	/** The run's row takes the job's end; the audit says why. */
	private void failed(DumpRun run, JobFailure failure, long raw) {
		boolean cancelled = failure.reason() == ReasonCode.CANCELLED_BY_USER;
		if (!cancelled && failure.reason() != ReasonCode.STALLED && failure.reason() != ReasonCode.TIMED_OUT) {
			log.warn("Backup {} of {} failed ({}): {}", run.row().id(), run.row().connectionName(), failure.reason(),
					failure.message());
		}
		tx.executeWithoutResult(s -> {
			copyRecords.failOpen(run.row().id(), failure.message(), OffsetDateTime.now(ZoneOffset.UTC));
			if (records.finishUnsuccessfully(run.row().id(), cancelled ? BackupStatus.CANCELLED : BackupStatus.FAILED,
					OffsetDateTime.now(ZoneOffset.UTC), failure, raw)) {
				events.publishEvent(cancelled ? new BackupEvents.BackupCancelled(run.actor(), run.row().id())
						: new BackupEvents.BackupFailed(run.actor(), run.row().id(), failure.message()));
			}
		});
	}

	static void deleteQuietly(BackupStore store, String objectName) {
		try {
			store.delete(objectName);
		}
		catch (IOException | RuntimeException e) {
			log.warn("Could not delete {} from {}: {}", objectName, store.name(), e.getMessage());
		}
	}
}
