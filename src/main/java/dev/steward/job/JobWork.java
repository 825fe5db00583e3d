package dev.steward.job;

/**
 * What a job does, run on the executor's thread. Report phases and progress through the context, hand the
 * context's abort on to child processes and statements ({@link JobContext#onAbort}), and throw a
 * {@link ReasonCoded} exception to fail with a reason; returning completes the job.
 */
@FunctionalInterface
public interface JobWork {

	void run(JobContext context) throws Exception;
}
