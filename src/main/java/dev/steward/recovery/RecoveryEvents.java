package dev.steward.recovery;

import java.time.Instant;
import java.util.UUID;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditableEvent;

/** What happens in point-in-time recovery, for the audit trail. */
public final class RecoveryEvents {

	private RecoveryEvents() {
	}

	private static AuditEntry entry(Actor actor, String action, String type, UUID id, AuditEntry.Outcome outcome,
			String detail) {
		return new AuditEntry(Instant.now(), actor, action, type, id.toString(), outcome, detail);
	}

	public record RecoveryEnabled(Actor actor, UUID connectionId, String slot, UUID jobId) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.enable", "connection", connectionId, AuditEntry.Outcome.SUCCESS,
					"WAL archiving on slot " + slot + "; first base backup as job " + jobId);
		}
	}

	public record RecoveryRefused(Actor actor, UUID connectionId, String missing) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.enable", "connection", connectionId, AuditEntry.Outcome.FAILURE,
					"prerequisites missing: " + missing);
		}
	}

	public record RecoveryDisabled(Actor actor, UUID connectionId) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.disable", "connection", connectionId, AuditEntry.Outcome.SUCCESS,
					"WAL archiving stopped, replication slot dropped");
		}
	}

	public record BaseBackupTaken(Actor actor, UUID connectionId, UUID backupId, long storedSize)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.base-backup", "connection", connectionId, AuditEntry.Outcome.SUCCESS,
					"base backup " + backupId + ", " + storedSize + " bytes stored");
		}
	}

	public record RestorePointCreated(Actor actor, UUID connectionId, String name, String lsn)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.restore-point", "connection", connectionId, AuditEntry.Outcome.SUCCESS,
					"restore point '" + name + "' at " + lsn);
		}
	}

	public record PointInTimeRestoreStarted(Actor actor, UUID connectionId, String target, UUID jobId)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.restore", "connection", connectionId, AuditEntry.Outcome.SUCCESS,
					"restore to " + target + " as job " + jobId);
		}
	}

	public record RestoredInstanceStarted(Actor actor, UUID instanceId, UUID sourceConnectionId, int port,
			String reachedLsn) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.instance-start", "connection", instanceId, AuditEntry.Outcome.SUCCESS,
					"restored from connection " + sourceConnectionId + " on port " + port + ", recovery reached " + reachedLsn);
		}
	}

	public record RestoredInstanceRemoved(Actor actor, UUID instanceId) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "recovery.instance-remove", "connection", instanceId, AuditEntry.Outcome.SUCCESS,
					"stopped and removed");
		}
	}
}
