package dev.steward.backup.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.StorageTargetKind;

/** One row of {@code storage_targets}; credentials sealed by {@link TargetSecrets}. */
public record StorageTargetRow(UUID id, String name, StorageTargetKind kind, @Nullable String path,
		@Nullable String endpoint, @Nullable String region, @Nullable String bucket, @Nullable String prefix,
		boolean pathStyle, @Nullable String accessKeyEnc, @Nullable String secretKeyEnc, @Nullable String lastTestJson,
		OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
