package dev.steward.monitor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of session control and maintenance, each audited. */
public final class SessionEvents {

	private SessionEvents() {
	}

	/** A session's statement was cancelled or the session ended ({@code action} {@code cancel} / {@code terminate}). */
	public record SessionSignalled(Actor actor, UUID connectionId, String connectionName, String action, String sessionId,
			boolean found, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "session." + action, "connection", connectionId.toString(),
					found ? Outcome.SUCCESS : Outcome.FAILURE, (action.equals("cancel") ? "Cancelled the statement of"
							: "Ended") + " session " + sessionId + " on connection '" + connectionName + "'"
							+ (found ? "" : " (the server no longer had it)"));
		}
	}

	public record IdleSessionsClosed(Actor actor, UUID connectionId, String connectionName, long idleSeconds,
			List<String> sessionIds, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "session.close-idle", "connection", connectionId.toString(), Outcome.SUCCESS,
					"Ended " + sessionIds.size() + " session(s) idle for at least " + idleSeconds + " s on connection '"
							+ connectionName + "'" + (sessionIds.isEmpty() ? "" : ": " + String.join(", ", sessionIds)));
		}
	}

	/** {@code scheduleId} set: started by that maintenance schedule on behalf of its owner {@code startedBy}. */
	public record MaintenanceStarted(Actor actor, UUID connectionId, String connectionName, UUID jobId,
			String operation, List<String> tables, @Nullable UUID scheduleId, String startedBy, Instant at)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "maintenance.start", "connection", connectionId.toString(), Outcome.SUCCESS,
					operation + " on " + (tables.isEmpty() ? "the whole database" : String.join(", ", tables))
							+ " of connection '" + connectionName + "' (job " + jobId + ")"
							+ (scheduleId == null ? "" : " by maintenance schedule " + scheduleId + " for " + startedBy));
		}
	}

	public record MaintenanceFinished(Actor actor, UUID connectionId, String connectionName, UUID jobId,
			String operation, boolean completed, String summary, Instant at) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(at, actor, "maintenance.finish", "connection", connectionId.toString(),
					completed ? Outcome.SUCCESS : Outcome.FAILURE,
					operation + " on connection '" + connectionName + "' (job " + jobId + "): " + summary);
		}
	}
}
