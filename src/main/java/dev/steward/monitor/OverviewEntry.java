package dev.steward.monitor;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A visible connection on the monitoring overview: its status, latest figures and open alerts. */
public record OverviewEntry(UUID connectionId, String name, String engine, boolean active, boolean monitored,
		int intervalSeconds, MonitorStatus status, @Nullable Instant lastSampleAt, @Nullable String lastError,
		Map<String, Double> figures, int openAlerts) {
}
