package dev.steward.backup;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A backup as the API shows it. */
public record BackupView(UUID id, UUID connectionId, String connectionName, String engine, String fileName,
		OffsetDateTime createdAt, @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt,
		@Nullable Long durationMillis, @Nullable Long rawSize, @Nullable Long storedSize, BackupTrigger trigger,
		String kind, BackupStatus status, @Nullable String error, String startedBy, String storageTarget,
		String compression, int compressionLevel, boolean encrypted, @Nullable String keyId, @Nullable String checksum,
		@Nullable BackupManifest manifest) {
}
