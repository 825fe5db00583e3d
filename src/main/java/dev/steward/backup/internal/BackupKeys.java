package dev.steward.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The master backup secrets, separate from the credential key. Either one secret from the environment
 * ({@code STEWARD_BACKUP_KEY}, base64 of ≥ 32 bytes, id from {@code STEWARD_BACKUP_KEY_ID} or {@code env}), or
 * files {@code <dataDir>/keys/backup-<id>.key} (0600, base64) with the active id in {@code backup-active}.
 * Rotation writes a new key and makes it active; old keys stay so old backups remain readable.
 */
public final class BackupKeys {

	static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dir;

	private final @Nullable BackupKey environmentKey;

	private final Map<String, BackupKey> cache = new ConcurrentHashMap<>();

	public BackupKeys(Path keysDir, @Nullable String environmentSecret, @Nullable String environmentKeyId) {
		this.dir = keysDir;
		if (environmentSecret != null && !environmentSecret.isBlank()) {
			String id = environmentKeyId == null || environmentKeyId.isBlank() ? "env" : environmentKeyId.strip();
			if (!ID.matcher(id).matches()) {
				throw new IllegalStateException("STEWARD_BACKUP_KEY_ID must be 1-64 of [A-Za-z0-9._-]");
			}
			byte[] secret;
			try {
				secret = Base64.getDecoder().decode(environmentSecret.strip());
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException("STEWARD_BACKUP_KEY is not base64");
			}
			if (secret.length < 32) {
				throw new IllegalStateException("STEWARD_BACKUP_KEY must hold at least 32 bytes (base64 of `openssl rand 32`)");
			}
			this.environmentKey = new BackupKey(id, secret);
		}
		else {
			this.environmentKey = null;
		}
	}

	/** The key new backups are encrypted with; created on first use when keys live in files. */
	public synchronized BackupKey active() {
		if (environmentKey != null) {
			return environmentKey;
		}
		Path activeFile = dir.resolve("backup-active");
		try {
			if (Files.exists(activeFile)) {
				String id = Files.readString(activeFile, StandardCharsets.US_ASCII).strip();
				BackupKey key = find(id);
				if (key == null) {
					throw new IllegalStateException("The active backup key '" + id + "' is missing from " + dir);
				}
				return key;
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return rotate();
	}

	/** A new key becomes active; answers it. Not possible while the key comes from the environment. */
	public synchronized BackupKey rotate() {
		if (environmentKey != null) {
			throw new IllegalStateException("The backup key comes from STEWARD_BACKUP_KEY; rotate it there");
		}
		String id = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
				+ HexFormat.of().formatHex(randomBytes(3));
		byte[] secret = randomBytes(32);
		try {
			Files.createDirectories(dir);
			writePrivate(dir.resolve("backup-" + id + ".key"), Base64.getEncoder().encodeToString(secret));
			writePrivate(dir.resolve("backup-active"), id);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not write a backup key under " + dir, e);
		}
		BackupKey key = new BackupKey(id, secret);
		cache.put(id, key);
		return key;
	}

	/** The key with this id, or null if Steward does not hold it. */
	public @Nullable BackupKey find(String id) {
		if (environmentKey != null && environmentKey.id().equals(id)) {
			return environmentKey;
		}
		if (!ID.matcher(id).matches()) {
			return null;
		}
		BackupKey cached = cache.get(id);
		if (cached != null) {
			return cached;
		}
		Path file = dir.resolve("backup-" + id + ".key");
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			BackupKey key = new BackupKey(id, secret);
			cache.put(id, key);
			return key;
		}
		catch (IOException | IllegalArgumentException e) {
			return null;
		}
	}

	private static byte[] randomBytes(int n) {
		byte[] b = new byte[n];
		RANDOM.nextBytes(b);
		return b;
	}

	private static void writePrivate(Path target, String content) throws IOException {
		Path temp = target.resolveSibling(target.getFileName() + ".tmp");
		Files.deleteIfExists(temp);
		Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temp, content, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
