package dev.steward.notify.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.steward.shared.SealedSecrets;

/**
 * AES-256-GCM for a channel's secrets under the credential key that also seals connection passwords
 * ({@code STEWARD_MASTER_KEY} or {@code keys/credentials.key}). A value reads {@code v1:<keyId>:<base64(nonce|ciphertext)>};
 * the channel id is the associated data, so sealed secrets copied onto another channel do not open.
 */
final class SecretBox {

	private final SealedSecrets sealed;

	SecretBox(byte[] keyBytes) {
		if (keyBytes.length != 32) {
			throw new IllegalArgumentException("The credential key must be 32 bytes");
		}
		this.sealed = new SealedSecrets(keyBytes);
	}

	String seal(String plaintext, UUID channelId) {
		return sealed.seal(plaintext.getBytes(StandardCharsets.UTF_8), aad(channelId));
	}

	/** The clear text; {@link SecretsUnreadable} if altered, moved, or sealed under another key. */
	String open(String stored, UUID channelId) {
		try {
			return new String(sealed.open(stored, aad(channelId)), StandardCharsets.UTF_8);
		}
		catch (SealedSecrets.Unreadable e) {
			throw new SecretsUnreadable(e.why() == SealedSecrets.Unreadable.Why.OTHER_KEY
					? "The channel's secrets were sealed under another credential key; enter them again"
					: "The channel's secrets do not decrypt: they were altered or belong to another channel");
		}
	}

	private static String aad(UUID channelId) {
		return "notification-channel/" + channelId;
	}

	/** A channel's stored secrets cannot be read; the channel must be saved again with them. */
	static final class SecretsUnreadable extends RuntimeException {

		SecretsUnreadable(String message) {
			super(message);
		}
	}
}
