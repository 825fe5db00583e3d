package dev.steward.backup;

/** Who asked for a backup: a person now, or (later) a schedule. */
public enum BackupTrigger {
	MANUAL, SCHEDULED
}
