package dev.steward.query;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The chart a saved query is shown as once run: its type, the X column, the Y columns (by result column name) and
 * how rows with the same X are folded. Fields may be null in a request; {@link SavedQueries} checks them.
 *
 * @param aggregation NONE (each row) when absent
 */
public record SavedQueryChart(@Nullable ChartType type, @Nullable String x, @Nullable List<String> ys,
		@Nullable ChartAggregation aggregation) {

	/** The chart types the console draws. */
	public enum ChartType {
		BAR, LINE, AREA, SCATTER, PIE
	}

	/** How the Y values of rows with the same X are folded: NONE draws each row. */
	public enum ChartAggregation {
		NONE, SUM, AVG, COUNT, MIN, MAX
	}
}
