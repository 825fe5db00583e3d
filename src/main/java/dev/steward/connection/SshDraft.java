package dev.steward.connection;

import org.jspecify.annotations.Nullable;

/**
 * The SSH tunnel a user asks for, as sent. Secrets are write-only: on update a null {@code password},
 * {@code privateKey} or {@code passphrase} keeps the stored one (for the same authentication method).
 * {@code clearHostKey} forgets the pinned host key, so the next connect pins the server's current one.
 */
public record SshDraft(@Nullable String host, @Nullable Integer port, @Nullable String username,
		@Nullable String authentication, @Nullable String password, @Nullable String privateKey,
		@Nullable String passphrase, @Nullable Boolean clearHostKey) {

	@Override
	public String toString() {
		return "SshDraft[host=" + host + ", port=" + port + ", username=" + username + "]";
	}
}
