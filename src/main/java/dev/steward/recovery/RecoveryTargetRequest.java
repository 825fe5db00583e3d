package dev.steward.recovery;

import org.jspecify.annotations.Nullable;

/**
 * Where a restore should stop: exactly one of a time (ISO-8601 with offset), a WAL position, a restore point set
 * through Steward, or {@code latest} (the end of the archived WAL).
 */
public record RecoveryTargetRequest(@Nullable String time, @Nullable String lsn, @Nullable String restorePoint,
		@Nullable Boolean latest) {
}
