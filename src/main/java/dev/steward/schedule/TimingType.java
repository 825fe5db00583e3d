package dev.steward.schedule;

/** How a schedule's timing is given: a preset, or a cron expression (Unix 5-field or Quartz 6/7-field). */
public enum TimingType {
	HOURLY, DAILY, WEEKLY, MONTHLY, CRON
}
