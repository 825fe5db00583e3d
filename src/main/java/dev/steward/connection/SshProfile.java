package dev.steward.connection;

import org.jspecify.annotations.Nullable;

/**
 * A connection's SSH tunnel as anyone who may see the connection sees it: no secrets, only whether they exist.
 *
 * @param hostKeyFingerprint the pinned host key ({@code SHA256:…}); null until the first successful connect
 */
public record SshProfile(String host, int port, String username, SshAuthentication authentication,
		boolean hasPassword, boolean hasPrivateKey, boolean hasPassphrase, @Nullable String hostKeyFingerprint) {
}
