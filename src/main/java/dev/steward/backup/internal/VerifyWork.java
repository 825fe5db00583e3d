package dev.steward.backup.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.BackupEvents;
import dev.steward.backup.BackupManifest;
import dev.steward.backup.VerifyResult;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.TargetUnreachable;
import dev.steward.engine.ToolControl;
import dev.steward.job.JobContext;
import dev.steward.job.JobException;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;
import dev.steward.job.ReasonCode;
import dev.steward.shared.Actor;

/**
 * A verification as a job's work: checksum, decryption and decompression end to end and the engine's listing;
 * for a test restore also a restore into a scratch database on the backup's server (always dropped) whose row
 * counts must match the manifest. A damaged backup ends the job FAILED with its reason (CHECKSUM_MISMATCH,
 * DAMAGED, WRONG_KEY …) and still stores what was found as the job's result.
 */
@Component
public class VerifyWork {

	private static final Logger log = LoggerFactory.getLogger(VerifyWork.class);

	private final ArtefactReader reader;

	private final BackupStores stores;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	VerifyWork(ArtefactReader reader, BackupStores stores, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.reader = reader;
		this.stores = stores;
		this.events = events;
		this.tx = tx;
	}

	/** {@code server}: the backup's own connection, for a test restore; null for a plain verification. */
	public void run(BackupRow row, RestoreCapability restore, @Nullable ConnectionSpec server, Actor actor,
			JobContext job) throws IOException {
		ToolControl control = new ToolControl();
		job.onAbort(f -> control.abort(f.message()));
		AtomicLong read = new AtomicLong();
		job.track(ProgressUnit.BYTES, read::get, row.outcome().rawSize());
		job.phase(JobPhase.CHECKING);
		ArchiveListing listing;
		try {
			listing = restore.inspect(reader.checkedSource(row, read), control);
			job.throwIfAborted();
		}
		catch (IOException | RuntimeException e) {
			if (job.aborted() != null || e instanceof JobException) {
				throw e;
			}
			JobException typed = BackupFailures.typed(e, "");
			VerifyResult result = new VerifyResult(false, typed.reasonCode() != ReasonCode.CHECKSUM_MISMATCH, 0,
					List.of(), typed.getMessage(), null);
			job.result("backup:" + row.id(), typed.getMessage(), BackupAccess.JSON.writeValueAsString(result));
			publish(new BackupEvents.BackupVerified(actor, row.id(), false, String.valueOf(typed.getMessage())));
			throw typed;
		}
		VerifyResult.TestRestore test = null;
		if (server != null) {
			try {
				test = testRestore(row, restore, server, control, job, read);
			}
			catch (IOException | RuntimeException e) {
				if (job.aborted() != null || e instanceof JobException) {
					throw e;
				}
				JobException typed = BackupFailures.typed(e, "The test restore failed: ");
				publish(new BackupEvents.BackupVerified(actor, row.id(), false, String.valueOf(typed.getMessage())));
				throw typed;
			}
		}
		boolean ok = test == null || test.ok();
		VerifyResult result = new VerifyResult(ok, true, listing.entries(), listing.sample(),
				ok ? "Checksum, decryption, decompression and the engine's listing are all fine"
						+ (test == null ? "" : "; the test restore matched the manifest's row counts")
						: "The test restore's row counts differ from the manifest", test);
		job.result("backup:" + row.id(), result.message(), BackupAccess.JSON.writeValueAsString(result));
		publish(new BackupEvents.BackupVerified(actor, row.id(), ok, result.message() + " (" + listing.entries() + " entries)"));
		if (!ok) {
			throw new JobException(ReasonCode.MISMATCH, String.valueOf(result.message()));
		}
	}

	private VerifyResult.TestRestore testRestore(BackupRow row, RestoreCapability restore, ConnectionSpec server,
			ToolControl control, JobContext job, AtomicLong read) throws IOException {
		String scratch = restore.scratchName("steward_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
		job.phase(JobPhase.CREATING_DATABASE);
		job.remember(RestoreWork.TARGET_CONNECTION, row.connectionId().toString());
		job.remember(RestoreWork.CREATED_DATABASE, scratch);
		ConnectionSpec spec = restore.createDatabase(server, scratch);
		boolean reached = true;
		try {
			job.phase(JobPhase.RESTORING);
			restore.restore(spec, reader.checkedSource(row, read), new RestoreOptions(false, 1, stores.workDir()), control);
			job.throwIfAborted();
			job.phase(JobPhase.COUNTING);
			List<TableRows> restored = restore.countRows(spec);
			BackupManifest manifest = BackupAccess.JSON.readValue(row.outcome().manifest(), BackupManifest.class);
			List<VerifyResult.TableCheck> checks = new ArrayList<>();
			Map<String, Long> counts = new HashMap<>();
			restored.forEach(t -> counts.put(t.name(), t.rows()));
			boolean ok = true;
			for (TableRows expected : manifest.tables()) {
				long got = counts.getOrDefault(expected.name(), -1L);
				boolean match = expected.exact() ? got == expected.rows() : got >= 0;
				ok &= match;
				checks.add(new VerifyResult.TableCheck(expected.name(), expected.rows(), got, expected.exact(), match));
			}
			return new VerifyResult.TestRestore(ok, scratch, checks);
		}
		catch (TargetUnreachable e) {
			// a server that did not answer holds no scratch database, and would not answer a drop either
			reached = false;
			throw e;
		}
		finally {
			if (reached) {
				job.phase(JobPhase.CLEANING_UP);
				try {
					restore.dropDatabase(server, scratch);
				}
				catch (RuntimeException e) {
					log.warn("Could not drop the verification database {}: {}", scratch, e.getMessage());
				}
			}
		}
	}

	private void publish(Object event) {
		tx.executeWithoutResult(s -> events.publishEvent(event));
	}
}
