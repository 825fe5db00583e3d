package dev.steward.backup;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One copy of a backup on one storage target: the pipeline runs once and each target gets its own copy.
 * {@code status} IN_PROGRESS, COMPLETED or FAILED; a failed copy fails only itself ({@code error} says why).
 * {@code location}: the path or S3 URI of the artefact.
 */
public record BackupCopyView(String targetId, String targetName, String status, @Nullable String location,
		@Nullable String checksum, @Nullable Long storedSize, @Nullable String error,
		@Nullable OffsetDateTime finishedAt) {
}
