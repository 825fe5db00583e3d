package dev.steward.backup.internal;

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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.steward.shared.KeyFiles;
import dev.steward.shared.StewardProperties;

/**
 * AES-256-GCM for a storage target's S3 credentials under the credential key that seals connection passwords
 * ({@code STEWARD_MASTER_KEY} or {@code keys/credentials.key}), in the same {@code v1:<keyId>:<base64>} form. The
 * target id and the field are the associated data, so a sealed value copied elsewhere does not open.
 */
@Component
public class TargetSecrets {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	TargetSecrets(StewardProperties steward, @Value("${steward.connection.master-key:}") String masterKey) {
		byte[] bytes = KeyFiles.loadOrCreate(masterKey, "STEWARD_MASTER_KEY / steward.connection.master-key",
				steward.dataDir().resolve("keys").resolve("credentials.key"), "the credentials key");
		this.key = new SecretKeySpec(bytes, "AES");
		try {
			this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public String seal(String plaintext, UUID targetId, String field) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(aad(targetId, field));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
			return "v1:" + keyId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("AES-GCM is unavailable", e);
		}
	}

	/** The clear text; {@link dev.steward.shared.Conflict} if altered, moved, or sealed under another key. */
	String open(String stored, UUID targetId, String field) {
		String[] parts = stored.split(":", 3);
		if (parts.length != 3 || !parts[0].equals("v1") || !parts[1].equals(keyId)) {
			throw new dev.steward.shared.Conflict(
					"The storage target's credentials were sealed under another credential key; enter them again");
		}
		try {
			byte[] all = Base64.getDecoder().decode(parts[2]);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
			cipher.updateAAD(aad(targetId, field));
			return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | GeneralSecurityException e) {
			throw new dev.steward.shared.Conflict(
					"The storage target's credentials do not decrypt: they were altered or belong to another target");
		}
	}

	private static byte[] aad(UUID targetId, String field) {
		return ("storage-target/" + targetId + "/" + field).getBytes(StandardCharsets.US_ASCII);
	}
}
