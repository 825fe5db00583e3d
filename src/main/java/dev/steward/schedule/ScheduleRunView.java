package dev.steward.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One run of a schedule. {@code scheduledFor} is the fire time it stands for (a manual run: when it was asked
 * for); {@code lateMillis} how late it started (a fire missed while Steward was down runs once on start-up and is
 * late by the downtime; {@code missedFires} counts the fires it stands for); {@code retention} what retention did;
 * {@code notice} what the run left out on purpose and why (databases over the per-run cap of "all databases").
 */
public record ScheduleRunView(UUID id, UUID scheduleId, OffsetDateTime scheduledFor, OffsetDateTime startedAt,
		@Nullable OffsetDateTime finishedAt, RunStatus status, boolean manual, long lateMillis, int missedFires,
		List<RunBackup> backups, @Nullable String retention, @Nullable String error,
		@Nullable String notice) {

	/**
	 * A backup the run made (one per database, with a copy on each of the schedule's targets), and how it ended;
	 * {@code database}: which database of the server it holds (null: the connection's own, in older runs).
	 */
	public record RunBackup(UUID backupId, String storageTarget, String status, @Nullable String error,
			@Nullable String database) {
	}
}
