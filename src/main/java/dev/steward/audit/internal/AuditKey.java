package dev.steward.audit.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import dev.steward.shared.KeyFiles;

/**
 * The secret that seals the audit chain (HMAC-SHA256). It lives outside the store — {@code STEWARD_AUDIT_KEY}
 * (base64 of 32 bytes) or {@code <dataDir>/keys/audit.key}, created 0600 on first start like the credential key —
 * so someone who can write the store cannot recompute the chain after editing or deleting records.
 */
final class AuditKey {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	private final String id;

	AuditKey(byte[] keyBytes) {
		if (keyBytes.length != 32) {
			throw new IllegalArgumentException("The audit key must be 32 bytes, not " + keyBytes.length);
		}
		this.key = new SecretKeySpec(keyBytes.clone(), ALGORITHM);
		try {
			// a fingerprint that says which key sealed the chain without revealing it
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
			this.id = HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A short, non-secret fingerprint of the key. */
	String id() {
		return id;
	}

	String hmacHex(String text) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
		}
	}

	/** Constant-time comparison of two hex digests. */
	static boolean same(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

	/** The configured key (base64 of 32 bytes), or {@code <dataDir>/keys/audit.key}, created 0600 on first use. */
	static AuditKey loadOrCreate(@Nullable String configured, Path dataDir) {
		return new AuditKey(KeyFiles.loadOrCreate(configured, "STEWARD_AUDIT_KEY / steward.audit.key",
				dataDir.resolve("keys").resolve("audit.key"), "the audit key"));
	}
}
