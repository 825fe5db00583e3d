package dev.steward.monitor;

import java.util.UUID;

/** Whether a connection is sampled, and how often (seconds). */
public record MonitoringSettings(UUID connectionId, boolean enabled, int intervalSeconds) {
}
