package dev.steward.backup;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.DumpKind;
import dev.steward.engine.EngineKind;
import dev.steward.job.ReasonCode;

/**
 * A backup as the API shows it. {@code jobId} is the run's job (progress and cancel under {@code /api/jobs});
 * {@code reason} says why a FAILED or CANCELLED run ended, {@code error} in words. {@code storageTarget}: the first
 * target chosen; {@code copies}: one per chosen target, each with its own status (a backup is readable while any
 * copy is COMPLETED). {@code database}: the database of the connection's server the backup holds (null for a
 * backup made before that was recorded: the connection's own database then).
 */
public record BackupView(UUID id, UUID connectionId, String connectionName, EngineKind engine, String fileName,
		OffsetDateTime createdAt, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt,
		@Nullable Long durationMillis, @Nullable Long rawSize, @Nullable Long storedSize, BackupTrigger trigger,
		DumpKind kind, BackupStatus status, @Nullable String error, String startedBy, String storageTarget,
		Compression compression, int compressionLevel, boolean encrypted, @Nullable String keyId,
		@Nullable String checksum, @Nullable BackupManifest manifest, @Nullable UUID jobId, @Nullable ReasonCode reason,
		java.util.List<BackupCopyView> copies, @Nullable String database) {
}
