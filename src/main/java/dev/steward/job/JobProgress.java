package dev.steward.job;

import org.jspecify.annotations.Nullable;

/**
 * How far a job is: {@code done} of {@code total} {@code unit}s; {@code total} null when unknown (indeterminate,
 * as a dump of a live database is); {@code unit} null when nothing is counted yet.
 */
public record JobProgress(long done, @Nullable Long total, @Nullable ProgressUnit unit) {

	public static final JobProgress NONE = new JobProgress(0, null, null);

	public boolean indeterminate() {
		return total == null;
	}
}
