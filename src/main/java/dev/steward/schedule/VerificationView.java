package dev.steward.schedule;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A verification a schedule started: {@code kind} VERIFY (checksum, decode, engine listing of a new backup) or
 * TEST_RESTORE (into a scratch database, counts compared, dropped after); {@code status} RUNNING, PASSED or FAILED.
 */
public record VerificationView(UUID backupId, UUID jobId, String kind, String status, OffsetDateTime startedAt,
		@Nullable OffsetDateTime finishedAt, @Nullable String error) {
}
