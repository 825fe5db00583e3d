package dev.steward.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.Compression;
import dev.steward.engine.DumpKind;

/**
 * A schedule as the API shows it, with its timing in words, its next fire times and its last run;
 * {@code databaseMode} and {@code databases} (for LIST) say which databases each fire backs up.
 */
public record ScheduleView(UUID id, String name, UUID connectionId, String connectionName, DumpKind kind,
		Compression compression, int compressionLevel, boolean encrypted, List<String> targets, Retention retention,
		String timeZone, boolean enabled, Timing timing, String description, String quartzCron,
		List<OffsetDateTime> nextFireTimes, @Nullable ScheduleRunView lastRun, boolean verifyAfter, @Nullable String testRestoreCron,
		@Nullable UUID testRestoreConnectionId,
		@Nullable VerificationView lastVerification, String ownerName, OffsetDateTime createdAt,
		DatabaseMode databaseMode, List<String> databases) {
}
