package dev.steward.schedule;

import org.jspecify.annotations.Nullable;

/**
 * What a schedule keeps of its own backups on each target; a backup kept by any rule stays, and with no rule set
 * nothing is deleted. {@code keepLast}: the newest N; {@code keepDays}: those younger than D days; GFS: the newest
 * of each of the last {@code gfsDays} days, {@code gfsWeeks} ISO weeks, {@code gfsMonths} months and
 * {@code gfsYears} years (in the schedule's zone); {@code minimum}: never fewer than this many.
 */
public record Retention(@Nullable Integer keepLast, @Nullable Integer keepDays, @Nullable Integer gfsDays,
		@Nullable Integer gfsWeeks, @Nullable Integer gfsMonths, @Nullable Integer gfsYears,
		@Nullable Integer minimum) {

	public static final Retention NONE = new Retention(null, null, null, null, null, null, null);

	/** Whether any rule would let a backup go. */
	public boolean deletes() {
		return pos(keepLast) || pos(keepDays) || pos(gfsDays) || pos(gfsWeeks) || pos(gfsMonths) || pos(gfsYears);
	}

	private static boolean pos(@Nullable Integer i) {
		return i != null && i > 0;
	}
}
