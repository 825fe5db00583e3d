package dev.steward.notify.internal;

/** One send did not go through; the message is safe to store and show (never a URL, token or password). */
class DeliveryFailed extends Exception {

	DeliveryFailed(String message) {
		super(message);
	}
}
