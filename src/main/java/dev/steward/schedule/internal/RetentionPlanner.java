package dev.steward.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.steward.schedule.Retention;

/**
 * The retention policy as a pure function of a history: which completed backups a schedule keeps on one target and
 * why. A backup kept by any rule stays; with no rule nothing goes; the newest {@code minimum} (at least the
 * system's minimum) and any protected backup (the connection's newest good one on that target) always stay.
 */
public final class RetentionPlanner {

	/** A completed backup of the schedule on the target. */
	public record Candidate(UUID id, Instant createdAt) {
	}

	public record Decision(UUID id, Instant createdAt, boolean keep, List<String> reasons) {
	}

	private RetentionPlanner() {
	}

	public static List<Decision> plan(List<Candidate> history, Retention policy, Instant now, ZoneId zone,
			int systemMinimum, Set<UUID> protectedIds) {
		List<Candidate> newestFirst = history.stream()
			.sorted(Comparator.comparing(Candidate::createdAt).reversed().thenComparing(Candidate::id))
			.toList();
		Map<UUID, List<String>> reasons = new LinkedHashMap<>();
		newestFirst.forEach(c -> reasons.put(c.id(), new ArrayList<>()));
		if (!policy.deletes()) {
			reasons.values().forEach(r -> r.add("no retention rule deletes anything"));
			return decisions(newestFirst, reasons);
		}
		int keepLast = n(policy.keepLast());
		for (int i = 0; i < Math.min(keepLast, newestFirst.size()); i++) {
			reasons.get(newestFirst.get(i).id()).add("keep-last " + keepLast);
		}
		int keepDays = n(policy.keepDays());
		if (keepDays > 0) {
			Instant cutoff = now.minus(Duration.ofDays(keepDays));
			newestFirst.stream()
				.filter(c -> c.createdAt().isAfter(cutoff))
				.forEach(c -> reasons.get(c.id()).add("keep-days " + keepDays));
		}
		LocalDate today = LocalDate.ofInstant(now, zone);
		gfs(newestFirst, reasons, zone, n(policy.gfsDays()), "daily", d -> d,
				d -> ChronoUnit.DAYS.between(d, today));
		gfs(newestFirst, reasons, zone, n(policy.gfsWeeks()), "weekly",
				d -> d.minusDays(d.getDayOfWeek().getValue() - 1L),
				d -> ChronoUnit.WEEKS.between(d, today.minusDays(today.getDayOfWeek().getValue() - 1L)));
		gfs(newestFirst, reasons, zone, n(policy.gfsMonths()), "monthly", d -> d.withDayOfMonth(1),
				d -> ChronoUnit.MONTHS.between(d, today.withDayOfMonth(1)));
		gfs(newestFirst, reasons, zone, n(policy.gfsYears()), "yearly", d -> d.withDayOfYear(1),
				d -> (long) today.getYear() - d.getYear());
		int minimum = Math.max(systemMinimum, n(policy.minimum()));
		for (int i = 0; i < Math.min(minimum, newestFirst.size()); i++) {
			reasons.get(newestFirst.get(i).id()).add("minimum " + minimum);
		}
		newestFirst.stream()
			.filter(c -> protectedIds.contains(c.id()))
			.forEach(c -> reasons.get(c.id()).add("newest good backup of the connection on this target"));
		return decisions(newestFirst, reasons);
	}

	/**
	 * Grandfather-father-son: the newest backup of each of the last {@code count} periods (the current one
	 * included); {@code period} maps a date to its period's first day, {@code age} a period start to how many
	 * periods ago it began.
	 */
	private static void gfs(List<Candidate> newestFirst, Map<UUID, List<String>> reasons, ZoneId zone, int count,
			String label, Function<LocalDate, LocalDate> period, Function<LocalDate, Long> age) {
		if (count <= 0) {
			return;
		}
		Map<LocalDate, Candidate> newestOfPeriod = new HashMap<>();
		for (Candidate c : newestFirst) {
			LocalDate start = period.apply(LocalDate.ofInstant(c.createdAt(), zone));
			long ago = age.apply(start);
			if (ago >= 0 && ago < count) {
				newestOfPeriod.putIfAbsent(start, c);
			}
		}
		newestOfPeriod.forEach((start, c) -> reasons.get(c.id()).add(label + " " + label(label, start)));
	}

	private static String label(String kind, LocalDate start) {
		return switch (kind) {
			case "weekly" -> start.get(IsoFields.WEEK_BASED_YEAR) + "-W" + start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
			case "monthly" -> start.toString().substring(0, 7);
			case "yearly" -> String.valueOf(start.getYear());
			default -> start.toString();
		};
	}

	private static List<Decision> decisions(List<Candidate> newestFirst, Map<UUID, List<String>> reasons) {
		return newestFirst.stream().map(c -> {
			List<String> why = reasons.get(c.id());
			boolean keep = !why.isEmpty();
			return new Decision(c.id(), c.createdAt(), keep,
					keep ? List.copyOf(why) : List.of("no rule keeps it"));
		}).toList();
	}

	private static int n(@Nullable Integer i) {
		return i == null ? 0 : Math.max(0, i);
	}
}
