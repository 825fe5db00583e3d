package dev.steward.monitor;

/**
 * Where an alert stands: PENDING (the condition holds, but not yet for the rule's duration) ──▶ FIRING (notified)
 * ──▶ RESOLVED (the value came back past the threshold by the rule's hysteresis). A pending alert whose condition
 * stops before the duration is dropped, never resolved: nobody was told of it.
 */
public enum AlertState {
	PENDING, FIRING, RESOLVED
}
