package dev.steward.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.steward.schedule.Timing;
import dev.steward.schedule.TimingType;
import dev.steward.shared.InvalidInput;

class CronTimingsUnitTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static Timing cron(String expression) {
		return new Timing(TimingType.CRON, null, null, null, null, expression);
	}

	static List<String> next(Timing timing, ZoneId zone, String after, int n) {
		return CronTimings.next(CronTimings.compile(timing).quartzCron(), zone, Instant.parse(after), n)
			.stream()
			.map(OffsetDateTime::toString)
			.toList();
	}

	@Test
	void unixCronEverySixHoursKeepsLocalHoursAcrossTheSpringForward() {
		assertThat(CronTimings.compile(cron("0 */6 * * *")).quartzCron()).isEqualTo("0 0 */6 * * ? *");
		// New York springs forward on 2026-03-08 at 02:00 (UTC-5 → UTC-4)
		assertThat(next(cron("0 */6 * * *"), NEW_YORK, "2026-03-07T20:00:00Z", 5)).containsExactly(
				"2026-03-07T18:00-05:00", "2026-03-08T00:00-05:00", "2026-03-08T06:00-04:00", "2026-03-08T12:00-04:00",
				"2026-03-08T18:00-04:00");
	}

	@Test
	void dailyPresetStaysAtItsLocalTimeWhenTheOffsetChanges() {
		Timing daily = new Timing(TimingType.DAILY, 30, 1, null, null, null);
		assertThat(next(daily, BERLIN, "2026-03-27T12:00:00Z", 4)).containsExactly("2026-03-28T01:30+01:00",
				"2026-03-29T01:30+01:00", "2026-03-30T01:30+02:00", "2026-03-31T01:30+02:00");
		assertThat(CronTimings.compile(daily).description()).containsIgnoringCase("01:30");
	}

	@Test
	void weeklyPresetFiresOnceOnTheFallBackSunday() {
		// Berlin falls back on 2026-10-25 at 03:00 → 02:00: 02:00 happens twice, the schedule fires once
		Timing weekly = new Timing(TimingType.WEEKLY, 0, 2, DayOfWeek.SUNDAY, null, null);
		List<String> fires = next(weekly, BERLIN, "2026-10-20T00:00:00Z", 3);
		assertThat(fires).hasSize(3);
		assertThat(fires.get(0)).startsWith("2026-10-25T02:00");
		assertThat(fires.get(1)).isEqualTo("2026-11-01T02:00+01:00");
		assertThat(fires.get(2)).isEqualTo("2026-11-08T02:00+01:00");
		assertThat(CronTimings.compile(weekly).description()).containsIgnoringCase("sunday");
	}

	@Test
	void hourlyAndMonthlyPresets() {
		assertThat(next(new Timing(TimingType.HOURLY, 15, null, null, null, null), ZoneId.of("UTC"),
				"2026-01-01T10:20:00Z", 2)).containsExactly("2026-01-01T11:15Z", "2026-01-01T12:15Z");
		// the 31st: months without one are skipped
		assertThat(next(new Timing(TimingType.MONTHLY, 0, 3, null, 31, null), ZoneId.of("UTC"), "2026-01-01T00:00:00Z",
				3)).containsExactly("2026-01-31T03:00Z", "2026-03-31T03:00Z", "2026-05-31T03:00Z");
	}

	@Test
	void quartzSixAndSevenFieldExpressionsWithSeconds() {
		assertThat(next(cron("*/5 * * * * ?"), ZoneId.of("UTC"), "2026-01-01T00:00:01Z", 3))
			.containsExactly("2026-01-01T00:00:05Z", "2026-01-01T00:00:10Z", "2026-01-01T00:00:15Z");
		assertThat(next(cron("0 0 12 ? * MON-FRI 2027"), ZoneId.of("UTC"), "2026-01-01T00:00:00Z", 1))
			.containsExactly("2027-01-01T12:00Z");
		assertThat(CronTimings.compile(cron("0 0 2 ? * SUN")).description()).isNotBlank();
	}

	@Test
	void aBadExpressionNamesTheFieldAtFault() {
		assertThatThrownBy(() -> CronTimings.compile(cron("0 25 * * *"))).isInstanceOf(InvalidInput.class)
			.satisfies(e -> assertThat(((InvalidInput) e).fieldErrors()).containsKey("timing.cron"))
			.hasMessageContaining("hour");
		assertThatThrownBy(() -> CronTimings.compile(cron("61 * * * *"))).hasMessageContaining("minute");
		assertThatThrownBy(() -> CronTimings.compile(cron("0 0 * 13 *"))).hasMessageContaining("month");
		assertThatThrownBy(() -> CronTimings.compile(cron("0 0 * * FUNDAY"))).hasMessageContaining("day-of-week");
		assertThatThrownBy(() -> CronTimings.compile(cron("0 0 32 * *"))).hasMessageContaining("day-of-month");
		assertThatThrownBy(() -> CronTimings.compile(cron("75 0 0 * * ?"))).hasMessageContaining("second");
		assertThatThrownBy(() -> CronTimings.compile(cron("* * *"))).hasMessageContaining("3 fields");
		assertThatThrownBy(() -> CronTimings.compile(cron("0 0 * * *; rm -rf /"))).isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> CronTimings.compile(new Timing(TimingType.DAILY, 0, 24, null, null, null)))
			.satisfies(e -> assertThat(((InvalidInput) e).fieldErrors()).containsKey("timing.hour"));
		assertThatThrownBy(() -> CronTimings.compile(new Timing(TimingType.WEEKLY, 0, 2, null, null, null)))
			.satisfies(e -> assertThat(((InvalidInput) e).fieldErrors()).containsKey("timing.dayOfWeek"));
		assertThatThrownBy(() -> CronTimings.zone("Mars/Olympus"))
			.satisfies(e -> assertThat(((InvalidInput) e).fieldErrors()).containsKey("timeZone"));
	}
}
