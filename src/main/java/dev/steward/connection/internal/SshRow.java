package dev.steward.connection.internal;

import org.jspecify.annotations.Nullable;

import dev.steward.connection.SshAuthentication;

/** A connection's SSH tunnel as stored: secrets only as ciphertext, the pinned host key once known. */
public record SshRow(String host, int port, String username, SshAuthentication authentication,
		@Nullable String passwordSecret, @Nullable String keySecret, @Nullable String passphraseSecret,
		@Nullable String hostKey) {

	public SshRow withHostKey(@Nullable String fingerprint) {
		return new SshRow(host, port, username, authentication, passwordSecret, keySecret, passphraseSecret,
				fingerprint);
	}

	@Override
	public String toString() {
		return "SshRow[" + username + "@" + host + ":" + port + "]";
	}
}
