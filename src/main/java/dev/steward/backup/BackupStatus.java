package dev.steward.backup;

/**
 * Where a backup stands; the one place its lifecycle is written down. A backup is IN_PROGRESS while its
 * {@link dev.steward.job.JobKind#BACKUP BACKUP} job is queued or running, and takes the job's end:
 *
 * <pre>
 * IN_PROGRESS ──▶ COMPLETED   (artefact and manifest stored)
 *      ├────────▶ FAILED      (typed reason; no artefact left)
 *      └────────▶ CANCELLED   (CANCELLED_BY_USER; no artefact left)
 * </pre>
 */
public enum BackupStatus {
	IN_PROGRESS, COMPLETED, FAILED, CANCELLED;

	public boolean canBecome(BackupStatus next) {
		return this == IN_PROGRESS && next != IN_PROGRESS;
	}
}
