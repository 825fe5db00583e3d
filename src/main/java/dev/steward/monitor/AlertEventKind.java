package dev.steward.monitor;

import java.util.Locale;
import java.util.Optional;

/**
 * Rules on events rather than sampled metrics. They fire when the event happens (no duration) and resolve when the
 * opposite event arrives: a later successful backup, a later successful test restore of the connection's backups.
 */
public enum AlertEventKind {

	BACKUP_FAILED, TEST_RESTORE_FAILED;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<AlertEventKind> byId(String id) {
		for (AlertEventKind k : values()) {
			if (k.id().equals(id)) {
				return Optional.of(k);
			}
		}
		return Optional.empty();
	}
}
