package dev.steward.connection.internal;

/** A stored secret cannot be decrypted: altered, moved to another row, or sealed under another master key. */
public class CredentialsUnreadable extends RuntimeException {

	public CredentialsUnreadable(String message) {
		super(message);
	}
}
