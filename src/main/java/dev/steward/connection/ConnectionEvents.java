package dev.steward.connection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.EngineKind;
import dev.steward.engine.FailureCategory;
import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts about connections. They carry names and field names, never secrets. */
public final class ConnectionEvents {

	static final String TARGET = "connection";

	private ConnectionEvents() {
	}

	public record ConnectionCreated(Actor actor, UUID connectionId, String name, EngineKind engine, boolean shared,
			Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "connection.create", TARGET, connectionId.toString(), Outcome.SUCCESS,
					"Created " + engine + " connection '" + name + "'" + (shared ? " (shared)" : ""));
		}
	}

	/** {@code changedFields} names what changed ("password", "host" …), never the values. */
	public record ConnectionUpdated(Actor actor, UUID connectionId, String name, List<String> changedFields,
			Instant at) implements AuditableEvent {

		public ConnectionUpdated {
			changedFields = List.copyOf(changedFields);
		}

		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "connection.update", TARGET, connectionId.toString(), Outcome.SUCCESS,
					"Updated connection '" + name + "': "
							+ (changedFields.isEmpty() ? "no changes" : "changed " + String.join(", ", changedFields)));
		}
	}

	public record ConnectionActiveChanged(Actor actor, UUID connectionId, String name, boolean active, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, active ? "connection.activate" : "connection.deactivate", TARGET,
					connectionId.toString(), Outcome.SUCCESS,
					(active ? "Activated" : "Deactivated") + " connection '" + name + "'");
		}
	}

	public record ConnectionDeleted(Actor actor, UUID connectionId, String name, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "connection.delete", TARGET, connectionId.toString(), Outcome.SUCCESS,
					"Deleted connection '" + name + "'");
		}
	}

	/** Trust on first use: the SSH host key a tunnelled connection's first successful connect saw, now pinned. */
	public record SshHostKeyPinned(Actor actor, UUID connectionId, String name, String sshHost, String fingerprint,
			Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "connection.ssh-host-key-pin", TARGET, connectionId.toString(),
					Outcome.SUCCESS, "Pinned the SSH host key " + fingerprint + " of " + sshHost + " for connection '"
							+ name + "'");
		}
	}

	/** A connection test; {@code connectionId} is null for settings that were not saved. */
	public record ConnectionTested(Actor actor, @Nullable UUID connectionId, @Nullable String name,
			EngineKind engine, boolean success, @Nullable FailureCategory category, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			String what = name == null ? "unsaved " + engine + " settings" : "connection '" + name + "'";
			return new AuditEntry(at, actor, "connection.test", TARGET,
					connectionId == null ? null : connectionId.toString(), success ? Outcome.SUCCESS : Outcome.FAILURE,
					"Tested " + what + ": " + (success ? "reachable" : "failed (" + category + ")"));
		}
	}
}
