package dev.steward.engine;

/**
 * Every pool Steward may keep for other databases is busy right now, so none can be closed to make room; the
 * caller may try again shortly.
 */
public class PoolLimitReached extends RuntimeException {

	public PoolLimitReached(String message) {
		super(message);
	}
}
