package dev.steward.monitor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Chart series of a connection over {@code [from, to)}, read at {@code resolution} and averaged into buckets of
 * {@code stepSeconds} (at most 1,000 per series). Each series is columns: {@code t} (epoch seconds of the bucket's
 * start) and {@code avg}, {@code min}, {@code max} at the same index.
 */
public record SeriesView(UUID connectionId, Instant from, Instant to, Resolution resolution, long stepSeconds,
		List<Series> series) {

	public record Series(String metric, String unit, String kind, long[] t, double[] avg, double[] min,
			double[] max) {
	}

	/** Helper for callers that want a null-safe first series. */
	public @Nullable Series first() {
		return series.isEmpty() ? null : series.get(0);
	}
}
