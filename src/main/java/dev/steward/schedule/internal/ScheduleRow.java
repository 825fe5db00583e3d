package dev.steward.schedule.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.backup.Compression;
import dev.steward.engine.DumpKind;
import dev.steward.schedule.Retention;
import dev.steward.schedule.Timing;

/**
 * One row of {@code schedules}, typed. {@code timingSince}: when the timing last changed or the schedule was last
 * enabled; fires before it are not owed (what a late run counts as missed starts there).
 * {@code testRestoreConnectionId}: whose server test restores go to; null for the backup's own connection.
 * {@code databaseMode}, {@code databases}: which databases of the server a fire backs up.
 */
public record ScheduleRow(UUID id, String name, UUID connectionId, @Nullable UUID ownerId, String ownerName,
		DumpKind kind, Compression compression, int compressionLevel, boolean encrypted, List<String> targets,
		String timeZone, boolean enabled, Timing timing, String cron, String quartzCron, Retention retention,
		boolean verifyAfter, @Nullable String testRestoreCron, @Nullable String testRestoreQuartz,
		@Nullable UUID testRestoreConnectionId,
		OffsetDateTime createdAt, OffsetDateTime timingSince, dev.steward.schedule.DatabaseMode databaseMode,
		List<String> databases) {
}
