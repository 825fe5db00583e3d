package dev.steward.monitor.internal;

import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.steward.monitor.MaintenanceSchedules;

/**
 * Looks for due maintenance schedules every {@code steward.monitor.maintenance-poll} (default 30 s); a run starts
 * within that much of its time. Every instance polls; the store's claim lets one of them start each run.
 */
@Component
class MaintenanceSchedulePoller {

	private final ObjectProvider<MaintenanceSchedules> schedules;

	MaintenanceSchedulePoller(ObjectProvider<MaintenanceSchedules> schedules) {
		this.schedules = schedules;
	}

	@Scheduled(fixedDelayString = "${steward.monitor.maintenance-poll:30s}",
			initialDelayString = "${steward.monitor.maintenance-poll:30s}")
	void poll() {
		schedules.getObject().fireDue(Instant.now());
	}
}
