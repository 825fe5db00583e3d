package dev.steward.monitor;

import dev.steward.engine.HealthMetric;

/**
 * How a rule is evaluated: on each sample ({@code METRIC}, a {@link HealthMetric}), when an event happens
 * ({@code EVENT}, an {@link AlertEventKind}), or on an interval over current state ({@code CHECK}, an
 * {@link AlertCheck}).
 */
public enum AlertRuleKind {

	METRIC, EVENT, CHECK;

	/** The kind of a rule's metric id; empty when the id names nothing. */
	public static java.util.Optional<AlertRuleKind> of(String metric) {
		if (HealthMetric.byId(metric).isPresent()) {
			return java.util.Optional.of(METRIC);
		}
		if (AlertEventKind.byId(metric).isPresent()) {
			return java.util.Optional.of(EVENT);
		}
		return AlertCheck.byId(metric).map(c -> CHECK);
	}
}
