package dev.steward.notify;

/**
 * What a notification is about; channels subscribe to topics. A topic that is a failure still reaches a channel
 * whose "failures only" switch is on.
 */
public enum NotificationTopic {
	BACKUP_FAILED(true, "Backup failed"),
	BACKUP_SUCCEEDED(false, "Backup succeeded"),
	BACKUP_CANCELLED(false, "Backup cancelled"),
	SCHEDULE_MISSED(true, "Scheduled run missed or late"),
	RETENTION_DELETED(false, "Retention deleted backups"),
	VERIFICATION_FAILED(true, "Verification or test restore failed"),
	STORAGE_UNREACHABLE(true, "Storage target unreachable"),
	/** Published by monitoring. */
	ALERT(true, "Monitoring alert");

	private final boolean failure;

	private final String label;

	NotificationTopic(boolean failure, String label) {
		this.failure = failure;
		this.label = label;
	}

	public boolean failure() {
		return failure;
	}

	public String label() {
		return label;
	}
}
