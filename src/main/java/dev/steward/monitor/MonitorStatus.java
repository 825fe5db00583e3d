package dev.steward.monitor;

/**
 * A connection's health as the last sample saw it. DEGRADED: reachable, but slow, near its connection limit, or a
 * part of the sample failed. UNMONITORED: monitoring is off, or no sample was taken yet.
 */
public enum MonitorStatus {
	UP, DEGRADED, DOWN, UNMONITORED
}
