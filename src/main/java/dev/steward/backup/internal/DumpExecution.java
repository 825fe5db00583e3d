package dev.steward.backup.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

	DumpExecution(BackupRecords records, ApplicationEventPublisher events, TransactionTemplate tx) {
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
		BackupStore.Upload upload = run.store().create(row.artefact().objectName(), 0);
		job.onFailure(f -> upload.abort());
		BackupPipeline.Writer writer = BackupPipeline.writer(upload.stream(), row.artefact().compression(),
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
		upload.commit();
		Instant finished = Instant.now();
		BackupManifest manifest = run.manifest(result, writer.rawBytes().get(), writer.storedBytes().get(), sha,
				started, finished);
		String manifestJson = BackupAccess.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
		job.onFailure(f -> deleteQuietly(run.store(), row.artefact().objectName()));
		run.store().writeSmall(row.artefact().manifestName(), DumpRun.utf8(manifestJson));
		job.onFailure(f -> deleteQuietly(run.store(), row.artefact().manifestName()));
		job.throwIfAborted();
		tx.executeWithoutResult(s -> {
			if (records.complete(row.id(), DumpRun.utc(finished), manifest.rawSize(), manifest.storedSize(), sha,
					manifestJson)) {
				events.publishEvent(new BackupEvents.BackupCompleted(run.actor(), row.id(), manifest.storedSize(),
						manifest.durationMillis()));
			}
		});
		job.result("backup:" + row.id(), manifest.storedSize() + " bytes stored as " + row.artefact().fileName(), null);
	}

	/** The run's row takes the job's end; the audit says why. */
	private void failed(DumpRun run, JobFailure failure, long raw) {
		boolean cancelled = failure.reason() == ReasonCode.CANCELLED_BY_USER;
		if (!cancelled && failure.reason() != ReasonCode.STALLED && failure.reason() != ReasonCode.TIMED_OUT) {
			log.warn("Backup {} of {} failed ({}): {}", run.row().id(), run.row().connectionName(), failure.reason(),
					failure.message());
		}
		tx.executeWithoutResult(s -> {
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
