package dev.steward.monitor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An alert rule. {@code metric} is a {@link dev.steward.engine.HealthMetric} id ({@code latency}, {@code up}) or an
 * {@link AlertEventKind} id ({@code backup_failed}); {@code scopeValue} is the connection id or the tag.
 */
public record AlertRuleView(UUID id, String name, String metric, AlertComparison comparison, double threshold,
		double hysteresis, int forSeconds, AlertLevel level, AlertScope scope, @Nullable String scopeValue,
		List<UUID> channelIds, int renotifyMinutes, boolean enabled, boolean builtIn, Instant createdAt,
		Instant updatedAt) {

	public boolean eventBased() {
		return AlertEventKind.byId(metric).isPresent();
	}
}
