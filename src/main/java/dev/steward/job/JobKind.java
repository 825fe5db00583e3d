package dev.steward.job;

/** What a job does. Per-kind concurrency limits are configured under {@code steward.jobs.max-concurrent}. */
public enum JobKind {
	BACKUP, RESTORE, VERIFY, TEST_RESTORE, IMPORT, MAINTENANCE,
	/** A schema or data export into a file to download (module {@code export}). */
	EXPORT,
	/** A physical base backup for point-in-time recovery (module {@code recovery}). */
	PHYSICAL_BACKUP,
	/** A restore to a point in time into a new, restored server instance (module {@code recovery}). */
	PITR_RESTORE
}
