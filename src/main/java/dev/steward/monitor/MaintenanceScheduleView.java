package dev.steward.monitor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.MaintenanceOperation;

/**
 * A maintenance schedule.
 *
 * @param tables      empty: every table of the database
 * @param description the cron in words
 * @param nextRuns    the next three run times in the schedule's zone; empty while switched off
 * @param lastRun     absent until it first came due
 */
public record MaintenanceScheduleView(UUID id, UUID connectionId, MaintenanceOperation operation,
		List<MaintenanceRequest.TableName> tables, String cron, String description, String timeZone, boolean enabled,
		String ownerName, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<OffsetDateTime> nextRuns,
		@Nullable MaintenanceScheduleRun lastRun) {
}
