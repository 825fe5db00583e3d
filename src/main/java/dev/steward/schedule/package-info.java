/**
 * Unattended backups: schedules (a preset or a cron expression in a time zone) fired by a clustered Quartz on the
 * metadata store, runs recorded once per fire, retention that never deletes the last good backup. Publishes
 * past-tense events ({@link dev.steward.schedule.ScheduleEvents}) for the audit trail and notifications.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "security", "connection", "backup",
		"job", "engine" })
package dev.steward.schedule;

import org.jspecify.annotations.NullMarked;
