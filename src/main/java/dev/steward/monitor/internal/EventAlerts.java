package dev.steward.monitor.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupEvents.BackupCompleted;
import dev.steward.backup.BackupEvents.BackupFailed;
import dev.steward.backup.BackupView;
import dev.steward.connection.ConnectionLookup;
import dev.steward.job.JobEvents.JobFinished;
import dev.steward.job.JobKind;
import dev.steward.job.JobStatus;
import dev.steward.monitor.AlertEventKind;
import dev.steward.monitor.AlertRuleView;

/**
 * The event rules: a failed backup or test restore fires at once on the backup's connection; the connection's next
 * successful backup (or test restore) resolves it. Runs after the backup's transaction commits, in its own.
 */
@Component
class EventAlerts {

	private final AlertRuleCache rules;

	private final AlertActions actions;

	private final BackupArtefacts backups;

	private final ConnectionLookup connections;

	EventAlerts(AlertRuleCache rules, AlertActions actions, BackupArtefacts backups, ConnectionLookup connections) {
		this.rules = rules;
		this.actions = actions;
		this.backups = backups;
		this.connections = connections;
	}

	@ApplicationModuleListener
	void on(BackupFailed event) {
		backups.findAsSystem(event.backupId()).ifPresent(b -> fire(AlertEventKind.BACKUP_FAILED, b,
				"Backup " + b.fileName() + " failed: " + event.reason()));
	}

	@ApplicationModuleListener
	void on(BackupCompleted event) {
		backups.findAsSystem(event.backupId()).ifPresent(b -> resolve(AlertEventKind.BACKUP_FAILED, b,
				"backup " + b.fileName() + " succeeded"));
	}

	@ApplicationModuleListener
	void on(JobFinished event) {
		if (event.kind() != JobKind.TEST_RESTORE || event.subjectId() == null) {
			return;
		}
		BackupView b = backups.findAsSystem(event.subjectId()).orElse(null);
		if (b == null) {
			return;
		}
		if (event.status() == JobStatus.FAILED) {
			String reason = event.failure() == null ? "" : ": " + event.failure().message();
			fire(AlertEventKind.TEST_RESTORE_FAILED, b, "Test restore of " + b.fileName() + " failed" + reason);
		}
		else if (event.status() == JobStatus.COMPLETED) {
			resolve(AlertEventKind.TEST_RESTORE_FAILED, b, "test restore of " + b.fileName() + " succeeded");
		}
	}

	private void fire(AlertEventKind kind, BackupView b, String message) {
		for (AlertRuleView rule : matching(kind, b.connectionId())) {
			actions.fireEvent(rule, b.connectionId(), b.connectionName(), rule.name() + ": " + message, Instant.now());
		}
	}

	private void resolve(AlertEventKind kind, BackupView b, String why) {
		for (AlertRuleView rule : matching(kind, b.connectionId())) {
			actions.resolveEvent(rule, b.connectionId(), why, Instant.now());
		}
	}

	private List<AlertRuleView> matching(AlertEventKind kind, UUID connectionId) {
		List<AlertRuleView> of = rules.enabled().stream().filter(r -> r.metric().equals(kind.id())).toList();
		if (of.isEmpty()) {
			return of;
		}
		List<String> tags = connections.tagsAsSystem(connectionId);
		return of.stream().filter(r -> AlertEvaluator.inScope(r, connectionId, tags)).toList();
	}
}
