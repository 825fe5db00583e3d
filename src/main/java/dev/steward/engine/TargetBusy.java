package dev.steward.engine;

import java.time.Duration;

/**
 * Every connection of a target's pool stayed in use for the whole bounded wait: the target is healthy but busy.
 * Not a gateway failure; the caller may try again shortly ({@link #retryAfter()}).
 */
public class TargetBusy extends CatalogUnavailable {

	private final Duration retryAfter;

	public TargetBusy(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
