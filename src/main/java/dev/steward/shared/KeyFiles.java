package dev.steward.shared;

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
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The 32-byte secrets Steward keeps outside its store (the credential key, the audit key): base64 from a setting
 * when one is given, else a key file under {@code <dataDir>/keys}, created 0600 in a 0700 folder on first use.
 */
public final class KeyFiles {

	private static final int KEY_BYTES = 32;

	private KeyFiles() {
	}

	/**
	 * @param configured the setting's value, if any (blank counts as none)
	 * @param setting how to name the setting in an error, e.g. {@code STEWARD_AUDIT_KEY}
	 * @param file the key file to read, or to create when it is missing
	 * @param what how to name the key in an error, e.g. "the audit key"
	 */
	public static byte[] loadOrCreate(@Nullable String configured, String setting, Path file, String what) {
		if (configured != null && !configured.isBlank()) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(configured.strip());
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException(setting + " is not base64");
			}
			if (key.length != KEY_BYTES) {
				throw new IllegalStateException(setting + " must be base64 of exactly 32 bytes, not " + key.length);
			}
			return key;
		}
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			if (key.length != KEY_BYTES) {
				throw new IllegalStateException(file + " does not hold a 32-byte key");
			}
			return key;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create " + what + " " + file, e);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException(file + " is not base64", e);
		}
	}

	private static void create(Path file) throws IOException {
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
		byte[] key = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(key);
		Path temp = dir.resolve(file.getFileName() + ".tmp-" + UUID.randomUUID());
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
