package dev.steward.monitor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An alert rule. {@code metric} is a {@link dev.steward.engine.HealthMetric} id ({@code latency}, {@code up}), an
 * {@link AlertEventKind} id ({@code backup_failed}) or an {@link AlertCheck} id ({@code cert_days_left});
 * {@code kind} says which. {@code scopeValue} is the connection id, the tag or the storage target key;
 * {@code windowMinutes} the window of {@link AlertCheck#JOB_FAILURES}.
 */
public record AlertRuleView(UUID id, String name, String metric, AlertRuleKind kind, AlertComparison comparison,
		double threshold, double hysteresis, int forSeconds, AlertLevel level, AlertScope scope,
		@Nullable String scopeValue, List<UUID> channelIds, int renotifyMinutes, int windowMinutes, boolean enabled,
		boolean builtIn, Instant createdAt, Instant updatedAt) {

	public boolean eventBased() {
		return kind == AlertRuleKind.EVENT;
	}

	public boolean checkBased() {
		return kind == AlertRuleKind.CHECK;
	}
}
