package dev.steward.backup;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.DumpConsistency;
import dev.steward.engine.TableRows;

/**
 * Everything needed to understand and read a backup, stored beside it and in Steward's store.
 *
 * @param consistency {@code SNAPSHOT} when the dump shows one moment, {@code LOGICAL} when objects were read one
 *                    after another (MongoDB): logical, not point-in-time. Null in manifests written before the
 *                    field existed.
 */
public record BackupManifest(int manifestVersion, String backupId, String connectionId, String engine,
		@Nullable String serverVersion, @Nullable String tool, @Nullable String toolVersion, @Nullable String format,
		@Nullable DumpConsistency consistency,
		String kind, String compression, int compressionLevel, boolean encrypted, @Nullable String encryption,
		@Nullable String keyId, long rawSize, long storedSize, String sha256, Instant startedAt, Instant finishedAt,
		long durationMillis, List<TableRows> tables) {
}
