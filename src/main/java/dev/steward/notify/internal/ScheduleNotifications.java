package dev.steward.notify.internal;

import java.time.Instant;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.steward.notify.Notification;
import dev.steward.notify.NotificationTopic;
import dev.steward.schedule.ScheduleEvents.RetentionDeleted;
import dev.steward.schedule.ScheduleEvents.ScheduleMissed;

/**
 * The schedule module's events that a person should hear of: fires missed while Steward was down, and backups that
 * retention deleted. A scheduled run's failed backup and a failed scheduled verification already arrive as the
 * backup's and the job's own events, so they are not repeated here.
 */
@Component
class ScheduleNotifications {

	private final Deliveries deliveries;

	ScheduleNotifications(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@ApplicationModuleListener
	void on(ScheduleMissed event) {
		String fires = event.missedFires() == 1 ? "1 fire" : event.missedFires() + " fires";
		deliveries.enqueue(new Notification(NotificationTopic.SCHEDULE_MISSED, "schedule '" + event.scheduleName() + "'",
				"The schedule missed " + fires + " from " + event.firstMissed() + " (Steward was not running); it ran once, "
						+ Math.round(event.lateMillis() / 1000.0) + " s late.",
				null, link(event.scheduleId()), event.firstMissed().toInstant()));
	}

	@ApplicationModuleListener
	void on(RetentionDeleted event) {
		deliveries.enqueue(new Notification(NotificationTopic.RETENTION_DELETED,
				"schedule '" + event.scheduleName() + "', backup " + event.fileName(),
				"Retention deleted backup " + event.fileName() + " from storage target '" + event.storageTarget()
						+ "' (rule: " + event.rule() + ").",
				null, link(event.scheduleId()), Instant.now()));
	}

	private static String link(java.util.UUID scheduleId) {
		return "/schedules?schedule=" + scheduleId;
	}
}
