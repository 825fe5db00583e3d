package dev.steward.backup;

import dev.steward.shared.Conflict;

/**
 * A restore refused after reading the backup (damaged, wrong key, empty): nothing was changed. The refusal is
 * already in the audit trail as a failed {@code backup.restore}.
 */
public class RestoreRefused extends Conflict {

	public RestoreRefused(String message) {
		super(message);
	}
}
