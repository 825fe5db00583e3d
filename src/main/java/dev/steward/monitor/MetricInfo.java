package dev.steward.monitor;

import dev.steward.engine.HealthMetric;

/**
 * A metric as the API names it. Counters are served as per-second rates ({@code unit} then ends in "/s").
 */
public record MetricInfo(String name, String unit, String kind) {

	public static MetricInfo of(HealthMetric metric) {
		boolean counter = metric.kind() == HealthMetric.Kind.COUNTER;
		String unit = metric.unit().name().toLowerCase(java.util.Locale.ROOT);
		return new MetricInfo(metric.id(), counter ? unit + "/s" : unit, metric.kind().name());
	}
}
