package dev.steward.connection;

/**
 * The SSH server of a tunnelled connection presented a host key other than the one pinned on first use: it was
 * re-keyed, or something sits in between. Nothing is sent through it; the owner or an administrator re-pins by
 * clearing the host key in the connection's settings.
 */
public class SshHostKeyChanged extends RuntimeException {

	private final String expected;

	private final String actual;

	public SshHostKeyChanged(String sshHost, String expected, String actual) {
		super("The SSH server's host key changed: expected " + expected + ", got " + actual + " from " + sshHost
				+ ". If the server was re-keyed, clear the pinned host key in the connection's SSH settings.");
		this.expected = expected;
		this.actual = actual;
	}

	public String expected() {
		return expected;
	}

	public String actual() {
		return actual;
	}
}
