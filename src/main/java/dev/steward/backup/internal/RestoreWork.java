package dev.steward.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.backup.BackupEvents;
import dev.steward.backup.RestoreResult;
import dev.steward.engine.ArchiveSource;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolControl;
import dev.steward.job.JobContext;
import dev.steward.job.JobException;
import dev.steward.job.JobPhase;
import dev.steward.job.ProgressUnit;

/**
 * A restore as a job's work: read and check the whole backup (staging it for a parallel restore) before touching
 * the target, create the new database, restore, count. A failed or cancelled restore into a new database drops
 * it; a refusal before the target was touched says "nothing was changed".
 */
@Component
public class RestoreWork {

	private static final Logger log = LoggerFactory.getLogger(RestoreWork.class);

	static final String CREATED_DATABASE = "createdDatabase";

	static final String TARGET_CONNECTION = "targetConnectionId";

	static final String STAGED_FILE = "stagedFile";

	private final ArtefactReader reader;

	private final BackupStores stores;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	RestoreWork(ArtefactReader reader, BackupStores stores, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.reader = reader;
		this.stores = stores;
		this.events = events;
		this.tx = tx;
	}

	public void run(RestorePlan plan, JobContext job) throws IOException {
		long start = System.nanoTime();
		ToolControl control = new ToolControl();
		job.onAbort(f -> control.abort(f.message()));
		job.onFailure(f -> publish(new BackupEvents.BackupRestored(plan.actor(), plan.row().id(), plan.targetId(),
				plan.database(), false, f.message())));
		AtomicLong read = new AtomicLong();
		job.track(ProgressUnit.BYTES, read::get, plan.row().outcome().rawSize());
		ArchiveSource source = reader.checkedSource(plan.row(), read);
		boolean touched = false;
		Path staged = null;
		try {
			// read and check everything before touching the target; a parallel restore reads a staged, checked file
			if (plan.jobs() > 1) {
				job.phase(JobPhase.STAGING);
				staged = reader.stage(source);
				job.remember(STAGED_FILE, staged.toString());
				source = ArchiveSource.ofFile(staged);
			}
			job.phase(JobPhase.CHECKING);
			plan.restore().inspect(source, control);
			job.throwIfAborted();
			touched = true;
			ConnectionSpec spec = createTarget(plan, job);
			job.phase(JobPhase.RESTORING);
			plan.restore().restore(spec, source, new RestoreOptions(plan.clean(), plan.jobs(), stores.workDir()), control);
			job.throwIfAborted();
			job.phase(JobPhase.COUNTING);
			List<TableRows> counts = plan.restore().countRows(spec);
			RestoreResult result = new RestoreResult(plan.row().id(), plan.targetId(), plan.database(),
					plan.newDatabase(), (System.nanoTime() - start) / 1_000_000, counts);
			job.result("database:" + plan.database(), "Restored " + counts.size() + " tables into " + plan.database(),
					BackupAccess.JSON.writeValueAsString(result));
			job.throwIfAborted();
			publish(new BackupEvents.BackupRestored(plan.actor(), plan.row().id(), plan.targetId(), plan.database(),
					true, null));
		}
		catch (IOException | RuntimeException e) {
			if (job.aborted() != null || e instanceof JobException) {
				throw e;
			}
			boolean refused = !touched || BackupFailures.unreadable(BackupFailures.reasonOf(e));
			throw BackupFailures.typed(e, refused ? "Restore refused, nothing was changed: " : "Restore failed: ");
		}
		finally {
			if (staged != null) {
				deleteQuietly(staged);
			}
		}
	}

	private ConnectionSpec createTarget(RestorePlan plan, JobContext job) {
		if (!plan.fileBased() && !plan.newDatabase()) {
			return plan.target().withDatabase(plan.database());
		}
		job.phase(JobPhase.CREATING_DATABASE);
		if (plan.newDatabase()) {
			// remembered first: a crash between create and restore still finds it to drop
			job.remember(TARGET_CONNECTION, plan.targetId().toString());
			job.remember(CREATED_DATABASE, plan.database());
		}
		ConnectionSpec spec = plan.restore().createDatabase(plan.target(), plan.database());
		if (plan.newDatabase()) {
			job.onFailure(f -> {
				try {
					plan.restore().dropDatabase(plan.target(), plan.database());
				}
				catch (RuntimeException dropFailed) {
					log.warn("Could not drop {} after a failed restore: {}", plan.database(), dropFailed.getMessage());
				}
			});
		}
		return spec;
	}

	private void publish(Object event) {
		tx.executeWithoutResult(s -> events.publishEvent(event));
	}

	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException e) {
			log.warn("Could not remove {}: {}", file, e.getMessage());
		}
	}
}
