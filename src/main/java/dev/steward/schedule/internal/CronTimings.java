package dev.steward.schedule.internal;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.mapper.CronMapper;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import dev.steward.schedule.Timing;
import dev.steward.schedule.TimingPreview;
import dev.steward.shared.InvalidInput;

/**
 * Timings to Quartz cron expressions: presets are built, user expressions parsed and described with cron-utils
 * (5 fields as Unix cron, 6/7 as Quartz), a bad one refused naming its field; fire times come from Quartz's own
 * {@link CronExpression} in the schedule's zone, so the preview is exactly what the scheduler will do.
 */
public final class CronTimings {

	static final int MAX_LENGTH = 200;

	private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

	private static final CronDefinition QUARTZ_DEFINITION = CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ);

	private static final CronParser QUARTZ = new CronParser(QUARTZ_DEFINITION);

	private static final List<String> UNIX_FIELDS = List.of("minute", "hour", "day-of-month", "month", "day-of-week");

	private static final List<String> QUARTZ_FIELDS = List.of("second", "minute", "hour", "day-of-month", "month",
			"day-of-week", "year");

	/** A timing made ready: the Quartz expression it runs as, and in words. */
	public record Compiled(String userCron, String quartzCron, String description) {
	}

	private CronTimings() {
	}

	public static ZoneId zone(@Nullable String timeZone) {
		if (timeZone == null || timeZone.isBlank() || timeZone.length() > 64) {
			throw new InvalidInput("timeZone", "must be an IANA time zone such as Europe/Berlin or UTC");
		}
		try {
			return ZoneId.of(timeZone);
		}
		catch (DateTimeException e) {
			throw new InvalidInput("timeZone", "is not a known time zone; use an IANA name such as Europe/Berlin or UTC");
		}
	}

	public static Compiled compile(@Nullable Timing timing) {
		if (timing == null || timing.type() == null) {
			throw new InvalidInput("timing.type", "must be HOURLY, DAILY, WEEKLY, MONTHLY or CRON");
		}
		return switch (timing.type()) {
			case HOURLY -> {
				int m = range(timing.minute(), "minute", 0, 59);
				yield preset("0 " + m + " * * * ?", "Every hour at :" + two(m));
			}
			case DAILY -> {
				int m = range(timing.minute(), "minute", 0, 59);
				int h = range(timing.hour(), "hour", 0, 23);
				yield preset("0 " + m + " " + h + " * * ?", "Every day at " + two(h) + ":" + two(m));
			}
			case WEEKLY -> {
				if (timing.dayOfWeek() == null) {
					throw new InvalidInput("timing.dayOfWeek", "is required for a weekly schedule (MONDAY … SUNDAY)");
				}
				int m = range(timing.minute(), "minute", 0, 59);
				int h = range(timing.hour(), "hour", 0, 23);
				String day = timing.dayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK);
				yield preset("0 " + m + " " + h + " ? * " + timing.dayOfWeek().name().substring(0, 3),
						"Every " + day + " at " + two(h) + ":" + two(m));
			}
			case MONTHLY -> {
				int m = range(timing.minute(), "minute", 0, 59);
				int h = range(timing.hour(), "hour", 0, 23);
				int d = range(timing.dayOfMonth(), "dayOfMonth", 1, 31);
				yield preset("0 " + m + " " + h + " " + d + " * ?", "Every month on day " + d + " at " + two(h) + ":"
						+ two(m) + (d > 28 ? " (months without that day are skipped)" : ""));
			}
			case CRON -> cron(timing.cron());
		};
	}

	private static String two(int n) {
		return n < 10 ? "0" + n : String.valueOf(n);
	}

	private static int range(@Nullable Integer value, String field, int min, int max) {
		if (value == null || value < min || value > max) {
			throw new InvalidInput("timing." + field, "must be between " + min + " and " + max);
		}
		return value;
	}

	private static Compiled preset(String quartz, String description) {
		QUARTZ.parse(quartz).validate();
		return new Compiled(quartz, quartz, description);
	}

	static Compiled cron(@Nullable String expression) {
		if (expression == null || expression.isBlank()) {
			throw new InvalidInput("timing.cron", "is required for a CRON timing");
		}
		if (expression.length() > MAX_LENGTH || !expression.matches("[A-Za-z0-9 */,?#LW-]+")) {
			throw new InvalidInput("timing.cron", "may only hold the characters of a cron expression (at most "
					+ MAX_LENGTH + ")");
		}
		String trimmed = expression.trim();
		String[] fields = trimmed.split("\\s+");
		boolean unix = fields.length == 5;
		if (!unix && fields.length != 6 && fields.length != 7) {
			throw new InvalidInput("timing.cron", "has " + fields.length
					+ " fields; write 5 (Unix: minute hour day-of-month month day-of-week) or 6/7 (Quartz: second first, optional year)");
		}
		checkFields(fields, unix);
		Cron parsed;
		String quartz;
		try {
			parsed = (unix ? UNIX : QUARTZ).parse(String.join(" ", fields)).validate();
			quartz = unix ? CronMapper.fromUnixToQuartz().map(parsed).asString() : String.join(" ", fields);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("timing.cron", "is not a valid expression: " + clean(e.getMessage()));
		}
		try {
			CronExpression.validateExpression(quartz);
		}
		catch (ParseException e) {
			throw new InvalidInput("timing.cron", "is not accepted by the scheduler: " + clean(e.getMessage()));
		}
		return new Compiled(trimmed, quartz, describe(parsed));
	}

	/** Parses each field alone (the others wildcards), so a refusal names the field at fault. */
	private static void checkFields(String[] fields, boolean unix) {
		List<String> names = unix ? UNIX_FIELDS : QUARTZ_FIELDS;
		for (int i = 0; i < fields.length; i++) {
			String[] probe = unix ? new String[] { "*", "*", "*", "*", "*" } : quartzProbe(fields.length, i);
			if (!unix && "?".equals(fields[i]) && (i == 3 || i == 5)) {
				continue;
			}
			probe[i] = fields[i];
			try {
				(unix ? UNIX : QUARTZ).parse(String.join(" ", probe)).validate();
			}
			catch (IllegalArgumentException e) {
				throw new InvalidInput("timing.cron", "the " + names.get(i) + " field '" + fields[i] + "' is invalid: "
						+ clean(e.getMessage()));
			}
		}
	}

	private static String[] quartzProbe(int length, int field) {
		String[] probe = new String[length];
		Arrays.fill(probe, "*");
		probe[0] = "0";
		probe[field == 3 ? 5 : 3] = "?";
		return probe;
	}

	private static String describe(Cron cron) {
		String text = CronDescriptor.instance(Locale.UK).describe(cron);
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String clean(@Nullable String message) {
		String m = message == null ? "invalid" : message.replaceAll("[\\p{Cntrl}]", " ");
		return m.length() > 300 ? m.substring(0, 300) : m;
	}

	/** The next {@code count} fire times strictly after {@code after}, in the zone. */
	public static List<OffsetDateTime> next(String quartzCron, ZoneId zone, Instant after, int count) {
		CronExpression expression = expression(quartzCron, zone);
		List<OffsetDateTime> times = new ArrayList<>();
		Date at = Date.from(after);
		while (times.size() < count) {
			at = expression.getNextValidTimeAfter(at);
			if (at == null) {
				break;
			}
			times.add(OffsetDateTime.ofInstant(at.toInstant(), zone));
		}
		return times;
	}

	public static CronExpression expression(String quartzCron, ZoneId zone) {
		try {
			CronExpression expression = new CronExpression(quartzCron);
			expression.setTimeZone(TimeZone.getTimeZone(zone));
			return expression;
		}
		catch (ParseException e) {
			throw new InvalidInput("timing.cron", "is not accepted by the scheduler: " + clean(e.getMessage()));
		}
	}

	public static TimingPreview preview(Timing timing, String timeZone, Instant now) {
		ZoneId zone = zone(timeZone);
		Compiled compiled = compile(timing);
		return new TimingPreview(compiled.description(), compiled.quartzCron(), zone.getId(),
				next(compiled.quartzCron(), zone, now, 5));
	}
}
