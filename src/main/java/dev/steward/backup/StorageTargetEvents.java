package dev.steward.backup;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Changes to storage targets and copies that failed, for the audit trail and notifications. */
public final class StorageTargetEvents {

	private StorageTargetEvents() {
	}

	private static AuditEntry entry(Actor actor, String action, String id, Outcome outcome, String detail) {
		return new AuditEntry(java.time.Instant.now(), actor, action, "storage-target", id, outcome, detail);
	}

	public record TargetCreated(Actor actor, UUID id, String name, StorageTargetKind kind) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "storage-target.create", id.toString(), Outcome.SUCCESS, kind + " target '" + name + "'");
		}
	}

	public record TargetUpdated(Actor actor, UUID id, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "storage-target.update", id.toString(), Outcome.SUCCESS, "target '" + name + "'");
		}
	}

	public record TargetDeleted(Actor actor, UUID id, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "storage-target.delete", id.toString(), Outcome.SUCCESS, "target '" + name + "'");
		}
	}

	public record TargetTested(Actor actor, String id, String name, boolean ok, @Nullable String error)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "storage-target.test", id, ok ? Outcome.SUCCESS : Outcome.FAILURE,
					"target '" + name + "'" + (error == null ? ": write, read and delete worked" : ": " + error));
		}
	}

	/**
	 * One copy of a backup could not be stored on its target; the backup's other copies are unaffected. Notified as
	 * "storage target unreachable".
	 */
	public record CopyFailed(Actor actor, UUID backupId, String targetId, String targetName, String error,
			boolean backupUsable) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(java.time.Instant.now(), actor, "backup.copy-fail", "backup", backupId.toString(),
					Outcome.FAILURE, "copy to '" + targetName + "' failed: " + error
							+ (backupUsable ? " (other copies stored)" : ""));
		}
	}
}
