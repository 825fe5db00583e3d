package dev.steward.engine;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of trying a connection. On failure {@code category} says why and {@code message} carries the
 * driver's own words (with any password scrubbed).
 */
public record ConnectionTestResult(boolean success, long latencyMillis, @Nullable String serverProduct,
		@Nullable String serverVersion, @Nullable FailureCategory category, @Nullable String message) {

	public static ConnectionTestResult ok(long latencyMillis, String product, String version) {
		return new ConnectionTestResult(true, latencyMillis, product, version, null, null);
	}

	public static ConnectionTestResult failed(long latencyMillis, FailureCategory category, String message) {
		return new ConnectionTestResult(false, latencyMillis, null, null, category, message);
	}
}
