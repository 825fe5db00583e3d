package dev.steward.schedule;

import java.time.DayOfWeek;

import org.jspecify.annotations.Nullable;

/**
 * When a schedule fires, in its time zone. HOURLY uses {@code minute}; DAILY {@code hour}:{@code minute}; WEEKLY
 * adds {@code dayOfWeek}; MONTHLY adds {@code dayOfMonth} (1-31; a month without that day is skipped); CRON uses
 * {@code cron}: 5 fields as Unix cron ({@code 0 *}{@code /6 * * *}) or 6/7 as Quartz (seconds first, optional year).
 */
public record Timing(TimingType type, @Nullable Integer minute, @Nullable Integer hour, @Nullable DayOfWeek dayOfWeek,
		@Nullable Integer dayOfMonth, @Nullable String cron) {
}
