package dev.steward.engine;

import java.time.Duration;

/** Bounds for a per-connection pool to a target database. */
public record PoolSettings(int maxSize, Duration connectTimeout, Duration idleTimeout) {

	public static PoolSettings defaults() {
		return new PoolSettings(4, Duration.ofSeconds(5), Duration.ofMinutes(5));
	}
}
