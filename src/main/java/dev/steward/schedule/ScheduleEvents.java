package dev.steward.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.Actor;
import dev.steward.shared.AuditEntry;
import dev.steward.shared.AuditEntry.Outcome;
import dev.steward.shared.AuditableEvent;

/**
 * What happens to schedules and their runs, as past-tense events: changes and deletions for the audit trail, run
 * outcomes and missed fires for notifications.
 */
public final class ScheduleEvents {

	private ScheduleEvents() {
	}

	private static AuditEntry entry(Actor actor, String action, UUID id, Outcome outcome, String detail) {
		return new AuditEntry(Instant.now(), actor, action, "schedule", id.toString(), outcome, detail);
	}

	public record ScheduleCreated(Actor actor, UUID scheduleId, String name, UUID connectionId, String timing)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "schedule.create", scheduleId, Outcome.SUCCESS,
					name + " for connection " + connectionId + ": " + timing);
		}
	}

	public record ScheduleUpdated(Actor actor, UUID scheduleId, String name, boolean enabled, String timing)
			implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "schedule.update", scheduleId, Outcome.SUCCESS,
					name + (enabled ? " (enabled): " : " (disabled): ") + timing);
		}
	}

	/** Its backups are kept. */
	public record ScheduleDeleted(Actor actor, UUID scheduleId, String name) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "schedule.delete", scheduleId, Outcome.SUCCESS, name + "; its backups are kept");
		}
	}

	public record ScheduleRunRequested(Actor actor, UUID scheduleId, UUID runId) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return entry(actor, "schedule.run", scheduleId, Outcome.SUCCESS, "run now: run " + runId);
		}
	}

	/** Every target's backup of a run completed. */
	public record ScheduledRunSucceeded(UUID scheduleId, String scheduleName, UUID connectionId, UUID runId,
			OffsetDateTime scheduledFor, List<UUID> backupIds) {
	}

	/** A run failed (a backup failed or was cancelled, or none could start); retention did not run. */
	public record ScheduledRunFailed(UUID scheduleId, String scheduleName, UUID connectionId, UUID runId,
			OffsetDateTime scheduledFor, String error) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(Instant.now(), Actor.system(), "schedule.run.fail", "schedule", scheduleId.toString(),
					Outcome.FAILURE, "run " + runId + " for " + scheduledFor + ": " + error);
		}
	}

	/** Fires were missed (Steward was down, or no instance could take them) and made up by one late run. */
	public record ScheduleMissed(UUID scheduleId, String scheduleName, UUID connectionId, UUID runId,
			OffsetDateTime firstMissed, int missedFires, long lateMillis) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(Instant.now(), Actor.system(), "schedule.missed", "schedule", scheduleId.toString(),
					Outcome.FAILURE, missedFires + " fire(s) missed since " + firstMissed + "; run " + runId + " started "
							+ lateMillis + " ms late");
		}
	}

	/** Retention deleted a backup; {@code rule} says why nothing kept it. */
	public record RetentionDeleted(UUID scheduleId, String scheduleName, UUID connectionId, UUID backupId,
			String fileName, String storageTarget, String rule) implements AuditableEvent {
		@Override
		public AuditEntry audit() {
			return new AuditEntry(Instant.now(), Actor.system(), "schedule.retention.delete", "backup",
					backupId.toString(), Outcome.SUCCESS,
					fileName + " on " + storageTarget + " by schedule " + scheduleName + ": " + rule);
		}
	}

	/** Verifying a new backup of a run found it damaged or could not finish. */
	public record ScheduledVerificationFailed(UUID scheduleId, String scheduleName, UUID backupId,
			@Nullable String error) {
	}
}
