package dev.steward.backup.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One row of the {@code backups} table. */
public record BackupRow(UUID id, UUID connectionId, String connectionName, String engine, String fileName,
		String objectName, String storageTarget, String trigger, String kind, String compression, int compressionLevel,
		boolean encrypted, @Nullable String keyId, String status, @Nullable String error, @Nullable UUID startedBy,
		String startedByName, OffsetDateTime createdAt, @Nullable OffsetDateTime startedAt,
		@Nullable OffsetDateTime finishedAt, @Nullable Long rawSize, @Nullable Long storedSize, @Nullable String checksum,
		@Nullable String manifest) {
}
