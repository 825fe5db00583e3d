package dev.steward.monitor.internal;

import java.util.Map;

import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.monitor.MonitorStatus;

/** How a sample maps to a status. */
final class StatusRules {

	private StatusRules() {
	}

	static MonitorStatus of(HealthSample sample, MonitorProperties properties) {
		if (!sample.reachable()) {
			return MonitorStatus.DOWN;
		}
		Map<HealthMetric, Double> v = sample.values();
		Double usage = v.get(HealthMetric.CONNECTION_USAGE);
		if (!sample.errors().isEmpty() || sample.latencyMillis() > properties.degradedLatency().toMillis()
				|| (usage != null && usage >= properties.degradedUsage())) {
			return MonitorStatus.DEGRADED;
		}
		return MonitorStatus.UP;
	}
}
