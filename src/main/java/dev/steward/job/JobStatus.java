package dev.steward.job;

import java.util.Set;

/**
 * Where a job stands, and the one place its lifecycle is written down:
 *
 * <pre>
 * QUEUED ──▶ RUNNING ──▶ COMPLETED
 *   │           ├──────▶ FAILED      (reason code: typed exception, STALLED, TIMED_OUT, INTERRUPTED …)
 *   │           └──────▶ CANCELLED   (CANCELLED_BY_USER)
 *   ├──────────────────▶ FAILED      (INTERRUPTED: its instance stopped before it ran)
 *   └──────────────────▶ CANCELLED
 * </pre>
 *
 * Finished states are final.
 */
public enum JobStatus {
	QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

	public boolean finished() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}

	/** Whether the lifecycle allows going from this state to {@code next}. */
	public boolean canBecome(JobStatus next) {
		return switch (this) {
			case QUEUED -> Set.of(RUNNING, FAILED, CANCELLED).contains(next);
			case RUNNING -> Set.of(COMPLETED, FAILED, CANCELLED).contains(next);
			case COMPLETED, FAILED, CANCELLED -> false;
		};
	}

	/** {@code next}, or {@link IllegalJobTransition} when the lifecycle does not allow it. */
	public JobStatus to(JobStatus next) {
		if (!canBecome(next)) {
			throw new IllegalJobTransition(this, next);
		}
		return next;
	}

	/** A transition the lifecycle does not allow: a programming error, never a user's. */
	public static final class IllegalJobTransition extends IllegalStateException {

		public IllegalJobTransition(JobStatus from, JobStatus to) {
			super("A job cannot go from " + from + " to " + to);
		}
	}
}
