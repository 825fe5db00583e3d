package dev.steward.backup;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a target test did: write, read back and delete a probe object, each step with whether it worked, how long
 * it took and the error if not. A step after a failed one is not tried ({@code skipped}).
 */
public record StorageTestResult(boolean ok, OffsetDateTime testedAt, long totalMillis, List<Step> steps) {

	public enum StepName {
		WRITE, READ, DELETE
	}

	public record Step(StepName step, boolean ok, boolean skipped, long millis, @Nullable String error) {
	}
}
