package dev.steward.monitor;

import java.time.Instant;
import java.util.UUID;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/** Past-tense facts of maintenance schedules, each audited against the connection. */
public final class MaintenanceScheduleEvents {

	private MaintenanceScheduleEvents() {
	}

	private static AuditEntry entry(Actor actor, String action, UUID connectionId, Outcome outcome, String detail) {
		return new AuditEntry(Instant.now(), actor, action, "connection", connectionId.toString(), outcome, detail);
	}

	private static String what(UUID scheduleId, String operation, String cron, String timeZone,
			String connectionName) {
		return "maintenance schedule " + scheduleId + " (" + operation + ", '" + cron + "' in " + timeZone
				+ ") of connection '" + connectionName + "'";
	}

	public record ScheduleCreated(Actor actor, UUID scheduleId, UUID connectionId, String connectionName,
			String operation, String cron, String timeZone) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "maintenance.schedule.create", connectionId, Outcome.SUCCESS,
					"Created " + what(scheduleId, operation, cron, timeZone, connectionName));
		}
	}

	public record ScheduleUpdated(Actor actor, UUID scheduleId, UUID connectionId, String connectionName,
			String operation, String cron, String timeZone, boolean enabled) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "maintenance.schedule.update", connectionId, Outcome.SUCCESS,
					"Changed " + what(scheduleId, operation, cron, timeZone, connectionName)
							+ (enabled ? "" : " (switched off)"));
		}
	}

	public record ScheduleDeleted(Actor actor, UUID scheduleId, UUID connectionId, String connectionName,
			String operation, String cron, String timeZone) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "maintenance.schedule.delete", connectionId, Outcome.SUCCESS,
					"Deleted " + what(scheduleId, operation, cron, timeZone, connectionName));
		}
	}

	/** A run came due and did not start (skipped, refused or failed to start); the system acted. */
	public record ScheduleRunNotStarted(Actor actor, UUID scheduleId, UUID connectionId,
			MaintenanceScheduleOutcome outcome, String reason) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "maintenance.schedule.run", connectionId, Outcome.FAILURE, "Maintenance schedule "
					+ scheduleId + " did not start its run (" + outcome + "): " + reason);
		}
	}
}
