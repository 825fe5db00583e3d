package dev.steward.connection.internal;

import org.jspecify.annotations.Nullable;

import dev.steward.connection.SshAuthentication;

/**
 * Everything needed to open one connection's tunnel, secrets in clear: in memory only, {@link #toString()}
 * redacts them.
 *
 * @param targetHost the database host as the SSH server resolves it
 * @param privateKey an OpenSSH or PEM private key, for {@link SshAuthentication#PRIVATE_KEY}
 */
public record SshTarget(String host, int port, String username, SshAuthentication authentication,
		@Nullable String password, @Nullable String privateKey, @Nullable String passphrase, String targetHost,
		int targetPort) {

	@Override
	public String toString() {
		return "SshTarget[" + username + "@" + host + ":" + port + " -> " + targetHost + ":" + targetPort + ", "
				+ authentication + "]";
	}
}
