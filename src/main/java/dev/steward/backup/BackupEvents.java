package dev.steward.backup;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** What happens to backups, for the audit trail (and later for notifications and schedules). */
public final class BackupEvents {

	private BackupEvents() {
	}

	private static AuditEntry entry(Actor actor, String action, UUID id, Outcome outcome, @Nullable String detail) {
		return new AuditEntry(java.time.Instant.now(), actor, action, "backup", id.toString(), outcome, detail);
	}

	/** {@code database}: which database of the connection's server (null where the engine names none). */
	public record BackupStarted(Actor actor, UUID backupId, UUID connectionId, String kind, String storage,
			@org.jspecify.annotations.Nullable String database) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.start", backupId, Outcome.SUCCESS, kind + " backup of "
					+ (database == null ? "" : "database " + database + " of ") + "connection " + connectionId + " to " + storage);
		}
	}

	public record BackupCompleted(Actor actor, UUID backupId, long storedSize, long durationMillis)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.complete", backupId, Outcome.SUCCESS,
					storedSize + " bytes stored in " + durationMillis + " ms");
		}
	}

	public record BackupFailed(Actor actor, UUID backupId, String reason) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.fail", backupId, Outcome.FAILURE, reason);
		}
	}

	public record BackupCancelled(Actor actor, UUID backupId) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.cancel", backupId, Outcome.SUCCESS, "cancelled");
		}
	}

	public record BackupDeleted(Actor actor, UUID backupId, String fileName) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.delete", backupId, Outcome.SUCCESS, fileName);
		}
	}

	public record BackupDownloaded(Actor actor, UUID backupId, boolean raw) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.download", backupId, Outcome.SUCCESS, raw ? "stored artefact" : "plain dump");
		}
	}

	public record BackupVerified(Actor actor, UUID backupId, boolean ok, String summary) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.verify", backupId, ok ? Outcome.SUCCESS : Outcome.FAILURE, summary);
		}
	}

	public record BackupRestored(Actor actor, UUID backupId, UUID targetConnectionId, String database, boolean ok,
			@Nullable String reason) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "backup.restore", backupId, ok ? Outcome.SUCCESS : Outcome.FAILURE,
					"into " + database + " on connection " + targetConnectionId + (reason == null ? "" : ": " + reason));
		}
	}

	public record BackupKeyRotated(Actor actor, String keyId, @Nullable String previousKeyId) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(java.time.Instant.now(), actor, "backup.key.rotate", "backup-key", keyId,
					Outcome.SUCCESS, "new active backup key" + (previousKeyId == null ? "" : "; previous " + previousKeyId
							+ " stays for reading older backups"));
		}
	}
}
