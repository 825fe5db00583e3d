package dev.steward.notify.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.backup.BackupArtefacts;
import dev.steward.backup.BackupEvents.BackupCancelled;
import dev.steward.backup.BackupEvents.BackupCompleted;
import dev.steward.backup.BackupEvents.BackupFailed;
import dev.steward.backup.BackupView;
import dev.steward.backup.StorageTargetEvents;
import dev.steward.job.JobEvents.JobFinished;
import dev.steward.job.JobKind;
import dev.steward.job.JobStatus;
import dev.steward.notify.Notifiable;
import dev.steward.notify.Notification;
import dev.steward.notify.NotificationTopic;

/**
 * Turns committed events into queued deliveries. Each handler runs after the publishing transaction commits, in its
 * own transaction, through the event publication registry: an event whose handler did not finish (Steward stopped)
 * is handled again on the next start, and the deliveries' dedupe key keeps that from sending twice. Any module's
 * {@link Notifiable} arrives here; backups and verifications are adapted from their own events.
 */
@Component
class NotificationListener {

	private final Deliveries deliveries;

	private final BackupArtefacts backups;

	NotificationListener(Deliveries deliveries, BackupArtefacts backups) {
		this.deliveries = deliveries;
		this.backups = backups;
	}

	@ApplicationModuleListener
	void on(Notifiable event) {
		deliveries.enqueue(event);
	}

	@ApplicationModuleListener
	void on(BackupCompleted event) {
		BackupView b = backups.findAsSystem(event.backupId()).orElse(null);
		deliveries.enqueue(new Notification(NotificationTopic.BACKUP_SUCCEEDED, subject(b, event.backupId()),
				"The backup completed: " + event.storedSize() + " bytes stored in "
						+ Math.round(event.durationMillis() / 1000.0) + " s" + (b == null ? "." : " (" + b.fileName() + ")."),
				null, link(b, event.backupId()), finished(b)));
	}

	@ApplicationModuleListener
	void on(BackupFailed event) {
		BackupView b = backups.findAsSystem(event.backupId()).orElse(null);
		String reason = b == null || b.reason() == null ? "" : " (" + b.reason() + ")";
		deliveries.enqueue(new Notification(NotificationTopic.BACKUP_FAILED, subject(b, event.backupId()),
				"The backup failed" + reason + "; no new backup was stored.", event.reason(), link(b, event.backupId()),
				finished(b)));
	}

	@ApplicationModuleListener
	void on(BackupCancelled event) {
		BackupView b = backups.findAsSystem(event.backupId()).orElse(null);
		deliveries.enqueue(new Notification(NotificationTopic.BACKUP_CANCELLED, subject(b, event.backupId()),
				"The backup was cancelled by " + event.actor().username() + "; no new backup was stored.", null,
				link(b, event.backupId()), finished(b)));
	}

	@ApplicationModuleListener
	void on(StorageTargetEvents.CopyFailed event) {
		BackupView b = backups.findAsSystem(event.backupId()).orElse(null);
		deliveries.enqueue(new Notification(NotificationTopic.STORAGE_UNREACHABLE, subject(b, event.backupId()),
				"The copy to storage target '" + event.targetName() + "' failed"
						+ (event.backupUsable() ? "; the backup is stored on its other targets." : "."),
				event.error(), link(b, event.backupId()), finished(b)));
	}

	@ApplicationModuleListener
	void on(JobFinished event) {
		if (event.status() != JobStatus.FAILED || event.subjectId() == null
				|| (event.kind() != JobKind.VERIFY && event.kind() != JobKind.TEST_RESTORE)) {
			return;
		}
		BackupView b = backups.findAsSystem(event.subjectId()).orElse(null);
		String what = event.kind() == JobKind.TEST_RESTORE ? "The test restore" : "The verification";
		String reason = event.failure() == null ? "" : " (" + event.failure().reason() + ")";
		deliveries.enqueue(new Notification(NotificationTopic.VERIFICATION_FAILED, subject(b, event.subjectId()),
				what + " of backup " + (b == null ? event.subjectId() : b.fileName()) + " failed" + reason + ".",
				event.failure() == null ? null : event.failure().message(), link(b, event.subjectId()), Instant.now()));
	}

	private static String subject(@Nullable BackupView b, UUID backupId) {
		if (b == null) {
			return "backup " + backupId;
		}
		return "connection '" + b.connectionName() + "' (" + b.engine() + "), backup " + b.fileName();
	}

	/** The backups page showing the connection's runs (the run's id names it among them). */
	private static String link(@Nullable BackupView b, UUID backupId) {
		return b == null ? "/backups" : "/backups?connection=" + b.connectionId() + "&backup=" + backupId;
	}

	private static Instant finished(@Nullable BackupView b) {
		return b != null && b.finishedAt() != null ? b.finishedAt().toInstant() : Instant.now();
	}
}
