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

	private final Scheduler scheduler;

	QuartzTriggers(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	public void register(ScheduleRow row) {
		JobDetail job = JobBuilder.newJob(ScheduleFire.class)
			.withIdentity(jobKey(row.id()))
			.usingJobData("scheduleId", row.id().toString())
			.storeDurably()
			// an instance that dies while firing: another one fires it again (the run's unique key keeps it once)
			.requestRecovery(true)
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(triggerKey(row.id()))
			.forJob(job)
			.startAt(new Date())
			.withSchedule(CronScheduleBuilder.cronSchedule(CronTimings.expression(row.quartzCron(),
					CronTimings.zone(row.timeZone())))
				.inTimeZone(TimeZone.getTimeZone(CronTimings.zone(row.timeZone())))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
		try {
			scheduler.scheduleJob(job, Set.of(trigger), true);
			if (!row.enabled()) {
				scheduler.pauseTrigger(trigger.getKey());
			}
		}
		catch (SchedulerException e) {
			throw new IllegalStateException("Could not register the schedule's trigger: " + e.getMessage(), e);
		}
	}

	public void remove(UUID scheduleId) {
		try {
			scheduler.deleteJob(jobKey(scheduleId));
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
