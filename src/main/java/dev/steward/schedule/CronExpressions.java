package dev.steward.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.steward.schedule.internal.CronTimings;
import dev.steward.shared.InvalidInput;

/**
 * The backup schedules' cron handling for other modules (maintenance schedules): a cron expression (5 fields as
 * Unix cron, 6/7 as Quartz) checked, described in words and its fire times computed in a time zone, exactly as a
 * backup schedule's would be. A refusal names the caller's field.
 */
public final class CronExpressions {

	/** A checked expression: as the user wrote it, as Quartz runs it, and in words. */
	public record Checked(String cron, String quartzCron, String description) {
	}

	private CronExpressions() {
	}

	/** The expression checked; {@link InvalidInput} on {@code field} when it is missing or wrong. */
	public static Checked check(@Nullable String cron, String field) {
		try {
			CronTimings.Compiled c = CronTimings.compile(new Timing(TimingType.CRON, null, null, null, null, cron));
			return new Checked(c.userCron(), c.quartzCron(), c.description());
		}
		catch (InvalidInput e) {
			Map<String, String> renamed = new LinkedHashMap<>();
			e.fieldErrors().forEach((k, v) -> renamed.put(field, v));
			throw new InvalidInput(renamed);
		}
	}

	/** The zone; {@link InvalidInput} on {@code field} unless it is a known IANA zone. */
	public static ZoneId zone(@Nullable String timeZone, String field) {
		try {
			return CronTimings.zone(timeZone);
		}
		catch (InvalidInput e) {
			throw new InvalidInput(field, e.fieldErrors().values().iterator().next());
		}
	}

	/** The next {@code count} fire times strictly after {@code after}, in the zone. */
	public static List<OffsetDateTime> next(String quartzCron, ZoneId zone, Instant after, int count) {
		return CronTimings.next(quartzCron, zone, after, count);
	}
}
