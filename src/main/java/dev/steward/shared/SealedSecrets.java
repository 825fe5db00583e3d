package dev.steward.shared;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for small secrets kept in the store, under a 32-byte key kept outside it. A sealed value reads
 * {@code v1:<keyId>:<base64(nonce|ciphertext)>}; the context (e.g. {@code two-factor/<userId>}) is the associated
 * data, so a value copied onto another row does not open.
 */
public final class SealedSecrets {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	public SealedSecrets(byte[] keyBytes) {
		if (keyBytes.length != 32) {
			throw new IllegalArgumentException("The key must be 32 bytes");
		}
		this.key = new SecretKeySpec(keyBytes.clone(), "AES");
		try {
			this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keyBytes), 0, 4);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public String seal(byte[] plaintext, String context) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext);
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is unavailable", e);
		}
	}

	/** The clear bytes; {@link Unreadable} if altered, moved to another context, or sealed under another key. */
	public byte[] open(String stored, String context) {
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !parts[0].equals("v1") || !parts[1].equals(keyId)) {
			throw new Unreadable(Unreadable.Why.OTHER_KEY);
		}
		try {
			byte[] all = Base64.getDecoder().decode(parts[2]);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
		}
		catch (IllegalArgumentException | GeneralSecurityException e) {
			throw new Unreadable(Unreadable.Why.ALTERED);
		}
	}

	/** A sealed value that does not open. */
	public static final class Unreadable extends RuntimeException {

		/** Sealed under another key, or altered (or sealed for another context). */
		public enum Why {
			OTHER_KEY, ALTERED
		}

		private final Why why;

		Unreadable(Why why) {
			super(why == Why.OTHER_KEY ? "A sealed secret was sealed under another key"
					: "A sealed secret was altered or sealed for another record");
			this.why = why;
		}

		public Why why() {
			return why;
		}
	}
}
