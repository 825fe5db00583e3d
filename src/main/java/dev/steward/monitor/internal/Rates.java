package dev.steward.monitor.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.HealthMetric;

/**
 * Per-second rates from two readings of a server's counters. A counter that went down was reset (the server
 * restarted, statistics were reset): no rate for it this time rather than a negative one, and no spike either, as
 * the next rate is taken from the new baseline. Readings too close together, or out of order, give no rates.
 */
public final class Rates {

	/** Below this the division would magnify timer noise into spikes. */
	private static final Duration MIN_ELAPSED = Duration.ofMillis(500);

	private Rates() {
	}

	/** The raw counter values of one sample and when they were read. */
	public record Reading(Instant at, Map<HealthMetric, Double> counters) {
	}

	public static Map<HealthMetric, Double> between(@Nullable Reading previous, Reading current) {
		Map<HealthMetric, Double> rates = new EnumMap<>(HealthMetric.class);
		if (previous == null) {
			return rates;
		}
		Duration elapsed = Duration.between(previous.at(), current.at());
		if (elapsed.compareTo(MIN_ELAPSED) < 0) {
			return rates;
		}
		double seconds = elapsed.toNanos() / 1e9;
		current.counters().forEach((metric, now) -> {
			Double before = previous.counters().get(metric);
			if (metric.kind() != HealthMetric.Kind.COUNTER || before == null || now < before || now.isNaN()
					|| before.isNaN()) {
				return;
			}
			rates.put(metric, (now - before) / seconds);
		});
		return rates;
	}

	/** Only the counters of a sample's values. */
	public static Map<HealthMetric, Double> counters(Map<HealthMetric, Double> values) {
		Map<HealthMetric, Double> counters = new EnumMap<>(HealthMetric.class);
		values.forEach((m, v) -> {
			if (m.kind() == HealthMetric.Kind.COUNTER) {
				counters.put(m, v);
			}
		});
		return counters;
	}
}
