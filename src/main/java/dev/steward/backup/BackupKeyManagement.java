package dev.steward.backup;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.steward.backup.internal.BackupKey;
import dev.steward.backup.internal.BackupKeys;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.Conflict;

/** The backup encryption keys, for administrators: list and rotate (never their material). */
@Service
public class BackupKeyManagement {

	private final BackupKeys keys;

	private final ApplicationEventPublisher events;

	BackupKeyManagement(BackupKeys keys, ApplicationEventPublisher events) {
		this.keys = keys;
		this.events = events;
	}

	public List<BackupKeyView> keys() {
		requireAdmin();
		return keys.list().stream().map(BackupKeyManagement::keyView).toList();
	}

	/**
	 * Makes a new key active for new backups; older keys stay so the backups they encrypted remain readable.
	 * Refused when the key comes from {@code STEWARD_BACKUP_KEY} (rotate it there, keeping the old value's id).
	 */
	@Transactional
	public BackupKeyView rotateKey() {
		requireAdmin();
		String previous = keys.list().stream().filter(BackupKeys.KeyInfo::active).map(BackupKeys.KeyInfo::id)
			.findFirst().orElse(null);
		BackupKey key;
		try {
			key = keys.rotate();
		}
		catch (IllegalStateException e) {
			throw new Conflict(String.valueOf(e.getMessage()));
		}
		events.publishEvent(new BackupEvents.BackupKeyRotated(Actor.current(), key.id(), previous));
		return keys.list().stream().filter(k -> k.id().equals(key.id())).findFirst().map(BackupKeyManagement::keyView)
			.orElseThrow();
	}

	private static BackupKeyView keyView(BackupKeys.KeyInfo k) {
		return new BackupKeyView(k.id(), k.createdAt(), k.active(), k.fromEnvironment());
	}

	private static void requireAdmin() {
		if (!CurrentUser.require().isAdmin()) {
			throw new AccessDeniedException("Backup keys are for administrators");
		}
	}
}
