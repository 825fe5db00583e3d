package dev.steward.connection;

/** How Steward logs in to a connection's SSH server. */
public enum SshAuthentication {
	PASSWORD, PRIVATE_KEY
}
