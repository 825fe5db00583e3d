package dev.steward.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.steward.schedule.Retention;
import dev.steward.schedule.internal.RetentionPlanner.Candidate;
import dev.steward.schedule.internal.RetentionPlanner.Decision;

/** Retention on synthetic histories: exactly the expected backups are kept, and why. */
class RetentionPlannerUnitTests {

	static final ZoneId UTC = ZoneId.of("UTC");

	static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

	/** One backup a day at 02:00 for {@code days} days, newest first (index 0 = today). */
	static List<Candidate> daily(int days) {
		List<Candidate> history = new ArrayList<>();
		for (int i = 0; i < days; i++) {
			history.add(new Candidate(new UUID(0, i), Instant.parse("2026-06-15T02:00:00Z").minus(Duration.ofDays(i))));
		}
		return history;
	}

	static Retention policy(Integer last, Integer days, Integer gd, Integer gw, Integer gm, Integer gy) {
		return new Retention(last, days, gd, gw, gm, gy, null);
	}

	static Set<Long> kept(List<Decision> decisions) {
		return decisions.stream().filter(Decision::keep).map(d -> d.id().getLeastSignificantBits())
			.collect(java.util.stream.Collectors.toSet());
	}

	@Test
	void withoutARuleNothingIsDeleted() {
		List<Decision> plan = RetentionPlanner.plan(daily(10), Retention.NONE, NOW, UTC, 1, Set.of());
		assertThat(plan).allMatch(Decision::keep);
	}

	@Test
	void keepLastKeepsExactlyTheNewestN() {
		List<Decision> plan = RetentionPlanner.plan(daily(10), policy(3, null, null, null, null, null), NOW, UTC, 1,
				Set.of());
		assertThat(kept(plan)).containsExactlyInAnyOrder(0L, 1L, 2L);
		assertThat(plan.get(0).reasons()).contains("keep-last 3");
		assertThat(plan.get(5).reasons()).containsExactly("no rule keeps it");
	}

	@Test
	void keepDaysKeepsThoseYoungerThanDDays() {
		// created at 02:00 each day, now is 12:00: the 7th is 7 days 10 h old, so 0..6 are younger than 7 days
		List<Decision> plan = RetentionPlanner.plan(daily(20), policy(null, 7, null, null, null, null), NOW, UTC, 1,
				Set.of());
		assertThat(kept(plan)).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L);
	}

	@Test
	void gfsKeepsTheNewestOfEachDayWeekMonthAndYear() {
		// two backups a day (02:00 and 14:00 the day before) for 800 days
		List<Candidate> history = new ArrayList<>();
		for (int i = 0; i < 800; i++) {
			Instant day = Instant.parse("2026-06-15T02:00:00Z").minus(Duration.ofDays(i));
			history.add(new Candidate(new UUID(1, i), day));
			history.add(new Candidate(new UUID(2, i), day.plus(Duration.ofHours(12))));
		}
		List<Candidate> past = history.stream().filter(c -> !c.createdAt().isAfter(NOW)).toList();
		List<Decision> plan = RetentionPlanner.plan(past, policy(null, null, 3, 2, 2, 2), NOW, UTC, 1, Set.of());
		List<String> keptAt = plan.stream().filter(Decision::keep).map(d -> d.createdAt().toString()).toList();
		assertThat(keptAt).containsExactlyInAnyOrder(
				"2026-06-15T02:00:00Z", // today (daily, weekly, monthly, yearly, minimum)
				"2026-06-14T14:00:00Z", // daily 2026-06-14, and weekly 2026-W24 (Sunday ends the ISO week)
				"2026-06-13T14:00:00Z", // daily
				"2026-05-31T14:00:00Z", // monthly 2026-05
				"2025-12-31T14:00:00Z"); // yearly 2025
		Decision sunday = plan.stream().filter(d -> d.createdAt().toString().equals("2026-06-14T14:00:00Z")).findFirst()
			.orElseThrow();
		assertThat(sunday.reasons()).contains("daily 2026-06-14", "weekly 2026-W24");
	}

	@Test
	void aBackupKeptByAnyRuleStays() {
		List<Decision> plan = RetentionPlanner.plan(daily(40), policy(2, 5, null, null, 2, null), NOW, UTC, 1, Set.of());
		// keep-last 2 ⊂ keep-days 5 (0..4), monthly: newest of June (0) and of May (15 days ago: 2026-05-31)
		assertThat(kept(plan)).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 15L);
	}

	@Test
	void theProtectedNewestGoodBackupAndTheMinimumSurviveAnyPolicy() {
		// the newest runs failed: the schedule's newest completed backup is 30 days old; keep-days 7 would keep none
		List<Candidate> old = daily(40).subList(30, 40);
		UUID newestGood = old.get(0).id();
		List<Decision> plan = RetentionPlanner.plan(old, policy(null, 7, null, null, null, null), NOW, UTC, 1,
				Set.of(newestGood));
		assertThat(plan.stream().filter(Decision::keep).map(Decision::id)).containsExactly(newestGood);
		assertThat(plan.get(0).reasons()).contains("minimum 1", "newest good backup of the connection on this target");

		List<Decision> withMinimum = RetentionPlanner.plan(old, new Retention(1, null, null, null, null, null, 4), NOW,
				UTC, 1, Set.of());
		assertThat(kept(withMinimum)).containsExactlyInAnyOrder(30L, 31L, 32L, 33L);
	}

	@Test
	void anEmptyHistoryPlansNothing() {
		assertThat(RetentionPlanner.plan(List.of(), policy(1, null, null, null, null, null), NOW, UTC, 1, Set.of()))
			.isEmpty();
	}
}
