package dev.steward.engine;

import java.time.Duration;

/**
 * Bounds for a per-connection pool to a target database.
 *
 * @param name shows up in the pool's threads and metrics ({@code target-<connection id>})
 */
public record PoolSettings(int maxSize, Duration connectTimeout, Duration idleTimeout, String name) {

	public PoolSettings(int maxSize, Duration connectTimeout, Duration idleTimeout) {
		this(maxSize, connectTimeout, idleTimeout, "target");
	}

	public static PoolSettings defaults() {
		return new PoolSettings(4, Duration.ofSeconds(5), Duration.ofMinutes(5));
	}

	public PoolSettings named(String other) {
		return new PoolSettings(maxSize, connectTimeout, idleTimeout, other);
	}
}
