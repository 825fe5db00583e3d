package dev.steward.backup;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A storage target as the API shows it. {@code id}: the key backups and schedules use (a configured target's name
 * such as {@code local}, or a managed target's id). {@code managed} false: configured in properties, read-only.
 * Credentials are never shown: {@code hasCredentials} says whether some are stored. {@code usableBytes} /
 * {@code totalBytes}: a local target's file store now; {@code lastTest}: reachability as last tested. A VIEWER
 * sees only id, name, kind and managed.
 */
public record StorageTargetView(String id, String name, StorageTargetKind kind, boolean managed,
		@Nullable String path, @Nullable String endpoint, @Nullable String region, @Nullable String bucket,
		@Nullable String prefix, @Nullable Boolean pathStyle, @Nullable Boolean hasCredentials,
		@Nullable Long usableBytes, @Nullable Long totalBytes, @Nullable StorageTestResult lastTest,
		@Nullable OffsetDateTime createdAt, @Nullable OffsetDateTime updatedAt, @Nullable Long backupCopies) {

	/** Only what a VIEWER may know. */
	public StorageTargetView namesOnly() {
		return new StorageTargetView(id, name, kind, managed, null, null, null, null, null, null, null, null, null,
				null, null, null, null);
	}
}
