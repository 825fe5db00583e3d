package dev.steward.engine;

/**
 * Steward may not connect to this host: a name or resolved address is denied, or not allowed, by
 * {@code steward.connection.denied-hosts} / {@code allowed-hosts}.
 */
public class TargetHostRefused extends RuntimeException {

	private final String host;

	public TargetHostRefused(String host, String reason) {
		super("Steward may not connect to " + host + ": " + reason);
		this.host = host;
	}

	public String host() {
		return host;
	}
}
