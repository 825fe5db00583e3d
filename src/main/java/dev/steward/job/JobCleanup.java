package dev.steward.job;

import java.util.Map;
import java.util.Set;

/**
 * A module's clean-up for its jobs that no process finished: at start-up for this instance's jobs left running,
 * and on any instance for a job whose lease expired. The job is already FAILED with INTERRUPTED.
 */
public interface JobCleanup {

	Set<JobKind> kinds();

	/** {@code remembered}: what the work stored with {@link JobContext#remember}. */
	void cleanUp(JobView job, Map<String, String> remembered);
}
