package dev.steward.backup;

/** Where a backup run stands. */
public enum BackupStatus {
	IN_PROGRESS, COMPLETED, FAILED, CANCELLED
}
