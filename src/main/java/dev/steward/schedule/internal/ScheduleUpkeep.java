package dev.steward.schedule.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionEvents.ConnectionDeleted;
import dev.steward.schedule.ScheduleEvents;
import dev.steward.shared.Actor;

/**
 * Keeps triggers in step with schedules: a deleted connection's schedules go (their backups stay), and at start-up
 * a schedule without a trigger (a store restored from a dump without the Quartz tables' rows) gets one again.
 */
@Component
class ScheduleUpkeep {

	private static final Logger log = LoggerFactory.getLogger(ScheduleUpkeep.class);

	private final ScheduleRecords schedules;

	private final ScheduleRunRecords runs;

	private final QuartzTriggers triggers;

	private final TransactionTemplate tx;

	private final ScheduledVerifications verifications;

	private final ApplicationEventPublisher events;

	ScheduleUpkeep(ScheduleRecords schedules, ScheduleRunRecords runs, QuartzTriggers triggers, TransactionTemplate tx,
			ScheduledVerifications verifications, ApplicationEventPublisher events) {
		this.verifications = verifications;
		this.schedules = schedules;
		this.runs = runs;
		this.triggers = triggers;
		this.tx = tx;
		this.events = events;
	}

	@ApplicationModuleListener
	void on(ConnectionDeleted deleted) {
		for (ScheduleRow row : schedules.list(java.util.List.of(deleted.connectionId()))) {
			triggers.remove(row.id());
			runs.deleteOf(row.id());
			verifications.deleteOf(row.id());
			schedules.delete(row.id());
			events.publishEvent(new ScheduleEvents.ScheduleDeleted(Actor.system(), row.id(), row.name()
					+ " (its connection was deleted)"));
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void restoreMissingTriggers() {
		for (ScheduleRow row : schedules.list(null)) {
			try {
				if (!triggers.exists(row.id())) {
					tx.executeWithoutResult(s -> triggers.register(row));
					log.info("Schedule {} had no trigger; registered it again", row.id());
				}
			}
			catch (RuntimeException e) {
				log.warn("Could not check the trigger of schedule {}: {}", row.id(), e.getMessage());
			}
		}
	}
}
