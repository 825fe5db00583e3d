package dev.steward.job;

import java.util.Optional;
import java.util.UUID;

import dev.steward.shared.PageResult;

/** The job capability other modules use. */
public interface Jobs {

	/**
	 * Stores the job as QUEUED (in the caller's transaction, if any) and runs {@code work} on the executor once
	 * that commits, within its kind's concurrency limit and its exclusive key.
	 */
	JobView submit(JobRequest request, JobWork work);

	/** Asks the job to stop, on whichever instance runs it; visibility and the right to operate are checked. */
	JobView cancel(UUID id);

	/** The job if the current user may see it (ADMIN: all; others: their own and their connections'). */
	JobView get(UUID id);

	PageResult<JobView> list(JobQuery query, int page, int size);

	/** For modules: the job whatever the current user, e.g. to map it into their own views. */
	Optional<JobView> find(UUID id);

	/**
	 * For modules acting as the system (alert rules): how many jobs on the connection ended FAILED at or after
	 * {@code since}. Cancelled jobs do not count: a person stopped them.
	 */
	long countFailedAsSystem(UUID connectionId, java.time.Instant since);

	/** The JSON result the work stored with {@link JobContext#result}, if any. */
	Optional<String> resultJson(UUID id);
}
