package dev.steward.schedule.internal;

import java.util.UUID;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** What Quartz runs on a fire: hands the schedule and its fire times to {@link ScheduledRuns}. */
@Component
class ScheduleFire implements Job {

	private static final Logger log = LoggerFactory.getLogger(ScheduleFire.class);

	// providers, not @Lazy proxies: the runs need the scheduler that needs this (and class proxies fail ahead of time)
	private final ObjectProvider<ScheduledRuns> runs;

	private final ObjectProvider<ScheduledVerifications> verifications;

	ScheduleFire(ObjectProvider<ScheduledRuns> runs, ObjectProvider<ScheduledVerifications> verifications) {
		this.runs = runs;
		this.verifications = verifications;
	}

	/** A recovered fire (its instance died firing it) stands for the original fire time. */
	static java.time.Instant scheduled(JobExecutionContext context) {
		if (context.isRecovering()) {
			String original = context.getMergedJobDataMap()
				.getString(org.quartz.Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS);
			if (original != null) {
				return java.time.Instant.ofEpochMilli(Long.parseLong(original));
			}
		}
		return context.getScheduledFireTime().toInstant();
	}

	@Override
	public void execute(JobExecutionContext context) {
		String id = context.getMergedJobDataMap().getString("scheduleId");
		try {
			if (QuartzTriggers.TEST_RESTORE_GROUP.equals(context.getMergedJobDataMap().getString("purpose"))) {
				verifications.getObject().testRestore(UUID.fromString(id));
			}
			else {
				runs.getObject().fire(UUID.fromString(id), scheduled(context), context.getFireTime().toInstant());
			}
		}
		catch (RuntimeException e) {
			// a failed fire is recorded on its run; never let Quartz retry it in a loop
			log.error("Schedule {} could not fire: {}", id, e.toString());
		}
	}
}
