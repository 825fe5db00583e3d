package dev.steward.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

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
		if (configured != null && !configured.isBlank()) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(configured.strip());
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException("STEWARD_AUDIT_KEY / steward.audit.key is not base64");
			}
			if (key.length != 32) {
				throw new IllegalStateException("STEWARD_AUDIT_KEY must be base64 of exactly 32 bytes, not " + key.length);
			}
			return new AuditKey(key);
		}
		Path file = dataDir.resolve("keys").resolve("audit.key");
		try {
			if (!Files.exists(file)) {
				createKeyFile(file);
			}
			byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			if (key.length != 32) {
				throw new IllegalStateException(file + " does not hold a 32-byte key");
			}
			return new AuditKey(key);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the audit key " + file, e);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException(file + " is not base64", e);
		}
	}

	private static void createKeyFile(Path file) throws IOException {
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		Path dir = file.getParent();
		if (!Files.isDirectory(dir)) {
			if (posix) {
				Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			else {
				Files.createDirectories(dir);
			}
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Path temp = dir.resolve("audit.key.tmp-" + UUID.randomUUID());
		if (posix) {
			Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(temp);
		}
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.write(ByteBuffer.wrap(Base64.getEncoder().encode(key)));
				channel.force(true);
			}
			try {
				// a hard link never replaces: if another process won the race, its key stays and ours is dropped
				Files.createLink(file, temp);
			}
			catch (FileAlreadyExistsException e) {
				// keep the existing key
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}
}
