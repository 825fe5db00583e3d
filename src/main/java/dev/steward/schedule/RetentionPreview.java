package dev.steward.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the schedule's retention would keep and delete now on each target, and why: per target and database
 * ({@code database}: which database of the server those backups hold), each on its own.
 */
public record RetentionPreview(UUID scheduleId, List<Target> targets) {

	public record Target(String storageTarget, List<Decision> decisions, @org.jspecify.annotations.Nullable String database) {
	}

	/** One backup: kept (by which rules) or deleted (and why nothing keeps it). */
	public record Decision(UUID backupId, String fileName, OffsetDateTime createdAt, boolean keep, List<String> reasons) {
	}
}
