package dev.steward.notify.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for a channel's secrets under the credential key that also seals connection passwords
 * ({@code STEWARD_MASTER_KEY} or {@code keys/credentials.key}). A value reads {@code v1:<keyId>:<base64(nonce|ciphertext)>};
 * the channel id is the associated data, so sealed secrets copied onto another channel do not open.
 */
final class SecretBox {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	SecretBox(byte[] keyBytes) {
		if (keyBytes.length != 32) {
			throw new IllegalArgumentException("The credential key must be 32 bytes");
		}
		this.key = new SecretKeySpec(keyBytes.clone(), "AES");
		try {
			this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keyBytes), 0, 4);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	String seal(String plaintext, UUID channelId) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(aad(channelId));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is unavailable", e);
		}
	}

	/** The clear text; {@link SecretsUnreadable} if altered, moved, or sealed under another key. */
	String open(String stored, UUID channelId) {
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !parts[0].equals("v1") || !parts[1].equals(keyId)) {
			throw new SecretsUnreadable("The channel's secrets were sealed under another credential key; enter them again");
		}
		try {
			byte[] all = Base64.getDecoder().decode(parts[2]);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
			cipher.updateAAD(aad(channelId));
			return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | GeneralSecurityException e) {
			throw new SecretsUnreadable("The channel's secrets do not decrypt: they were altered or belong to another channel");
		}
	}

	private static byte[] aad(UUID channelId) {
		return ("notification-channel/" + channelId).getBytes(StandardCharsets.US_ASCII);
	}

	/** A channel's stored secrets cannot be read; the channel must be saved again with them. */
	static final class SecretsUnreadable extends RuntimeException {

		SecretsUnreadable(String message) {
			super(message);
		}
	}
}
