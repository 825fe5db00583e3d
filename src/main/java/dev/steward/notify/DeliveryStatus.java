package dev.steward.notify;

/**
 * Where a delivery stands: PENDING (due at its next attempt time) ──▶ SENDING (claimed by one instance) ──▶
 * DELIVERED, or back to PENDING with a later attempt time, or FAILED once the attempts are used up.
 */
public enum DeliveryStatus {
	PENDING, SENDING, DELIVERED, FAILED
}
