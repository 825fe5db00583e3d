package dev.steward.schedule.internal;

import java.util.UUID;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** What Quartz runs on a fire: hands the schedule and its fire times to {@link ScheduledRuns}. */
@Component
class ScheduleFire implements Job {

	private static final Logger log = LoggerFactory.getLogger(ScheduleFire.class);

	private final ScheduledRuns runs;

	private final ScheduledVerifications verifications;

	ScheduleFire(@Lazy ScheduledRuns runs, @Lazy ScheduledVerifications verifications) {
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
				verifications.testRestore(UUID.fromString(id));
			}
			else {
				runs.fire(UUID.fromString(id), scheduled(context), context.getFireTime().toInstant());
			}
		}
		catch (RuntimeException e) {
			// a failed fire is recorded on its run; never let Quartz retry it in a loop
			log.error("Schedule {} could not fire: {}", id, e.toString());
		}
	}
}
