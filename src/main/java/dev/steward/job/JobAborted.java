package dev.steward.job;

/** The work noticed the job was aborted (cancel, watchdog, shutdown) and stopped. */
public class JobAborted extends JobException {

	public JobAborted(JobFailure failure) {
		super(failure.reason(), failure.message());
	}
}
