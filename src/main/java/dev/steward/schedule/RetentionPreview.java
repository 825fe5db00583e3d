package dev.steward.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the schedule's retention would keep and delete now on each target, and why. */
public record RetentionPreview(UUID scheduleId, List<Target> targets) {

	public record Target(String storageTarget, List<Decision> decisions) {
	}

	/** One backup: kept (by which rules) or deleted (and why nothing keeps it). */
	public record Decision(UUID backupId, String fileName, OffsetDateTime createdAt, boolean keep, List<String> reasons) {
	}
}
