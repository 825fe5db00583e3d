package dev.steward.connection.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

import org.jspecify.annotations.Nullable;

import dev.steward.shared.KeyFiles;

/**
 * AES-256-GCM for stored connection secrets. A value reads {@code v1:<keyId>:<base64(nonce|ciphertext)>}
 * with a random 12-byte nonce; the connection id is the associated data, so a secret copied onto another
 * row does not decrypt.
 */
public final class CredentialCipher {

	private static final String VERSION = "v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	public CredentialCipher(byte[] keyBytes) {
		if (keyBytes.length != 32) {
			throw new IllegalArgumentException("The master key must be 32 bytes (AES-256), not " + keyBytes.length);
		}
		this.key = new SecretKeySpec(keyBytes.clone(), "AES");
		this.keyId = keyIdOf(keyBytes);
	}

	/** A short, non-secret fingerprint of the key, stored with each value to detect a changed key. */
	static String keyIdOf(byte[] keyBytes) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public String keyId() {
		return keyId;
	}

	public String encrypt(String plaintext, UUID connectionId) {
		return encrypt(plaintext, connectionId, null);
	}

	/**
	 * As {@link #encrypt(String, UUID)} for another secret of the connection (the SSH password, key …): the
	 * {@code purpose} joins the associated data, so one secret cannot be moved into another's column.
	 */
	public String encrypt(String plaintext, UUID connectionId, @Nullable String purpose) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(aad(connectionId, purpose));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is unavailable", e);
		}
	}

	/** The clear text; {@link CredentialsUnreadable} if the value was tampered with or sealed under another key. */
	public String decrypt(String stored, UUID connectionId) {
		return decrypt(stored, connectionId, null);
	}

	/** The clear text of a secret sealed with {@link #encrypt(String, UUID, String)}. */
	public String decrypt(String stored, UUID connectionId, @Nullable String purpose) {
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !parts[0].equals(VERSION)) {
			throw new CredentialsUnreadable("The stored secret has an unknown format");
		}
		if (!parts[1].equals(keyId)) {
			throw new CredentialsUnreadable("The stored secret was encrypted under another master key ("
					+ parts[1] + "; current " + keyId + ")");
		}
		try {
			byte[] all = Base64.getDecoder().decode(parts[2]);
			if (all.length < NONCE_BYTES + TAG_BITS / 8) {
				throw new CredentialsUnreadable("The stored secret is truncated");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
			cipher.updateAAD(aad(connectionId, purpose));
			byte[] clear = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
			return new String(clear, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | GeneralSecurityException e) {
			throw new CredentialsUnreadable("The stored secret does not decrypt: it was altered or belongs to "
					+ "another connection");
		}
	}

	private static byte[] aad(UUID connectionId, @Nullable String purpose) {
		String aad = purpose == null ? connectionId.toString() : connectionId + "/" + purpose;
		return aad.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The configured key (base64 of 32 bytes), or the key file under {@code <dataDir>/keys}, created with
	 * 0600 permissions on first use.
	 */
	public static byte[] loadOrCreateKey(@Nullable String configured, Path dataDir) {
		return KeyFiles.loadOrCreate(configured, "STEWARD_MASTER_KEY / steward.connection.master-key",
				dataDir.resolve("keys").resolve("credentials.key"), "the credentials key");
	}
}
