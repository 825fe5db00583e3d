package dev.steward.engine;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One health sample of a target: whether it answered, how fast, its version, and the figures the engine could
 * read (raw values; counters are not yet rates). {@code errors} lists the parts that failed while the target was
 * reachable (a statistics view refused, a timeout), so a partial sample still counts.
 */
public record HealthSample(Instant at, boolean reachable, long latencyMillis, @Nullable String serverVersion,
		Map<HealthMetric, Double> values, List<String> errors) {

	public HealthSample {
		values = values.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(values));
		errors = List.copyOf(errors);
	}

	public static HealthSample unreachable(Instant at, long latencyMillis, String error) {
		return new HealthSample(at, false, latencyMillis, null, Map.of(), List.of(error));
	}
}
