package dev.steward.monitor;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.MaintenanceOperation;

/**
 * A maintenance schedule to create or replace.
 *
 * @param tables   as for {@link MaintenanceRequest}; none: every table of the database at each run
 * @param cron     5 fields (minute hour day-of-month month day-of-week), Unix cron
 * @param timeZone IANA zone the cron is read in
 * @param enabled  absent: true
 */
public record MaintenanceScheduleRequest(@Nullable MaintenanceOperation operation,
		@Nullable List<MaintenanceRequest.TableName> tables, @Nullable String cron, @Nullable String timeZone,
		@Nullable Boolean enabled) {
}
