package dev.steward.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One sample of a connection. {@code figures}: gauges as read, counters as per-second rates since the previous
 * sample (absent on the first sample and after a counter reset); {@code counters}: the raw counter values.
 */
public record HealthView(UUID connectionId, String connectionName, String engine, Instant sampledAt,
		MonitorStatus status, boolean reachable, long latencyMillis, @Nullable String serverVersion,
		Map<String, Double> figures, Map<String, Double> counters, List<String> errors) {
}
