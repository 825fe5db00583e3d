package dev.steward.monitor;

/**
 * How a maintenance schedule's run went at its time: the job STARTED; SKIPPED (the previous run's job still
 * running); REFUSED (the owner may no longer write to the connection, or it is switched off); FAILED (the job
 * could not start: a named table is gone, the server unreachable …).
 */
public enum MaintenanceScheduleOutcome {
	STARTED, SKIPPED, REFUSED, FAILED
}
