package dev.steward.schedule.internal;

import java.util.Date;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;

/**
 * One Quartz job and cron trigger per schedule, written in the caller's transaction (the job store takes
 * Spring's connection). Enabling makes a fresh trigger, so fires owed while disabled are not made up; a fire missed
 * while Steward was down runs once as soon as it is back ("fire once now").
 */
@Component
public class QuartzTriggers {

	static final String GROUP = "steward-schedules";

	static final String TEST_RESTORE_GROUP = "steward-test-restores";

	private final Scheduler scheduler;

	QuartzTriggers(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	public void register(ScheduleRow row) {
		try {
			schedule(row, GROUP, row.quartzCron());
			if (row.testRestoreQuartz() != null) {
				schedule(row, TEST_RESTORE_GROUP, row.testRestoreQuartz());
			}
			else {
				scheduler.deleteJob(JobKey.jobKey(row.id().toString(), TEST_RESTORE_GROUP));
			}
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("Could not register the schedule's trigger: " + e.getMessage(), e);
		}
	}

	private void schedule(ScheduleRow row, String group, String quartzCron) throws SchedulerException {
		java.time.ZoneId zone = CronTimings.zone(row.timeZone());
		JobDetail job = JobBuilder.newJob(ScheduleFire.class)
			.withIdentity(JobKey.jobKey(row.id().toString(), group))
			.usingJobData("scheduleId", row.id().toString())
			.usingJobData("purpose", group)
			.storeDurably()
			// an instance that dies while firing: another one fires it again (the run's unique key keeps it once)
			.requestRecovery(true)
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(TriggerKey.triggerKey(row.id().toString(), group))
			.forJob(job)
			.startAt(new Date())
			.withSchedule(CronScheduleBuilder.cronSchedule(CronTimings.expression(quartzCron, zone))
				.inTimeZone(TimeZone.getTimeZone(zone))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
		scheduler.scheduleJob(job, Set.of(trigger), true);
		if (!row.enabled()) {
			scheduler.pauseTrigger(trigger.getKey());
		}
	}

	public void remove(UUID scheduleId) {
		try {
			scheduler.deleteJob(jobKey(scheduleId));
			scheduler.deleteJob(JobKey.jobKey(scheduleId.toString(), TEST_RESTORE_GROUP));
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("Could not remove the schedule's trigger: " + e.getMessage(), e);
		}
	}

	public boolean exists(UUID scheduleId) {
		try {
			return scheduler.checkExists(triggerKey(scheduleId));
		}
		catch (SchedulerException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	public boolean paused(UUID scheduleId) {
		try {
			return scheduler.getTriggerState(triggerKey(scheduleId)) == Trigger.TriggerState.PAUSED;
		}
		catch (SchedulerException e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	public String instanceId() {
		try {
			return scheduler.getSchedulerInstanceId();
		}
		catch (SchedulerException e) {
			return "unknown";
		}
	}

	static JobKey jobKey(UUID id) {
		return JobKey.jobKey(id.toString(), GROUP);
	}

	static TriggerKey triggerKey(UUID id) {
		return TriggerKey.triggerKey(id.toString(), GROUP);
	}
}
