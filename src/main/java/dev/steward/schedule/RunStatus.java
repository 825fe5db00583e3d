package dev.steward.schedule;

/**
 * Where a scheduled run stands: RUNNING while its backups run, then SUCCEEDED (every target's backup completed)
 * or FAILED (any failed or was cancelled, or none could start). Retention follows only SUCCEEDED runs.
 */
public enum RunStatus {
	RUNNING, SUCCEEDED, FAILED;

	public boolean finished() {
		return this != RUNNING;
	}
}
