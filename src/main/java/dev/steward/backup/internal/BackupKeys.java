package dev.steward.backup.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The master backup secrets, separate from the credential key. Either one secret from the environment
 * ({@code STEWARD_BACKUP_KEY}, base64 of ≥ 32 bytes, id from {@code STEWARD_BACKUP_KEY_ID} or {@code env}), or
 * files {@code <dataDir>/keys/backup-<id>.key} (0600, base64) with the active id in {@code backup-active}.
 * Rotation writes a new key and makes it active; old keys stay so old backups remain readable.
 * Keys read from files are cached with the file's modification time, so a key file an operator replaces or
 * removes counts at once (a removed key makes its backups unreadable, which verify and restore then say).
 */
public final class BackupKeys {

	static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dir;

	private final @Nullable BackupKey environmentKey;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private record Cached(BackupKey key, FileTime modified) {
	}

	/** A key as listed for administrators: never its material. */
	public record KeyInfo(String id, @Nullable Instant createdAt, boolean active, boolean fromEnvironment) {
	}

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
		byte[] secret = randomBytes(32);
		try {
			Files.createDirectories(dir);
			String id;
			Path file;
			do {
				// never overwrite an existing key: that would make its backups unreadable
				id = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + HexFormat.of().formatHex(randomBytes(3));
				file = dir.resolve("backup-" + id + ".key");
			}
			while (Files.exists(file));
			writePrivate(file, Base64.getEncoder().encodeToString(secret));
			writePrivate(dir.resolve("backup-active"), id);
			BackupKey key = new BackupKey(id, secret);
			cache.put(id, new Cached(key, Files.getLastModifiedTime(file)));
			return key;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not write a backup key under " + dir, e);
		}
	}

	/** The key with this id, or null if Steward does not hold it. */
	public @Nullable BackupKey find(String id) {
		if (environmentKey != null && environmentKey.id().equals(id)) {
			return environmentKey;
		}
		if (!ID.matcher(id).matches()) {
			return null;
		}
		Path file = dir.resolve("backup-" + id + ".key");
		try {
			if (!Files.isRegularFile(file)) {
				cache.remove(id);
				return null;
			}
			FileTime modified = Files.getLastModifiedTime(file);
			Cached cached = cache.get(id);
			if (cached != null && cached.modified().equals(modified)) {
				return cached.key();
			}
			byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			BackupKey key = new BackupKey(id, secret);
			cache.put(id, new Cached(key, modified));
			return key;
		}
		catch (IOException | IllegalArgumentException e) {
			cache.remove(id);
			return null;
		}
	}

	/** Every key Steward holds, oldest first, with the active one marked; the material stays here. */
	public synchronized List<KeyInfo> list() {
		List<KeyInfo> keys = new ArrayList<>();
		String activeId = null;
		if (environmentKey != null) {
			activeId = environmentKey.id();
			keys.add(new KeyInfo(environmentKey.id(), null, true, true));
		}
		else {
			try {
				Path activeFile = dir.resolve("backup-active");
				if (Files.exists(activeFile)) {
					activeId = Files.readString(activeFile, StandardCharsets.US_ASCII).strip();
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				for (Path file : files.sorted().toList()) {
					String name = file.getFileName().toString();
					if (!name.startsWith("backup-") || !name.endsWith(".key")) {
						continue;
					}
					String id = name.substring("backup-".length(), name.length() - ".key".length());
					if (!ID.matcher(id).matches() || (environmentKey != null && environmentKey.id().equals(id))) {
						continue;
					}
					// birth time where the file system keeps it, else the last write (key files are written once)
					Instant created = Files.readAttributes(file, BasicFileAttributes.class).creationTime().toInstant();
					keys.add(new KeyInfo(id, created, id.equals(activeId), false));
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("Could not list backup keys under " + dir, e);
			}
		}
		keys.sort(Comparator.comparing(KeyInfo::fromEnvironment).thenComparing(k -> k.createdAt() == null
				? Instant.MAX : k.createdAt()));
		return keys;
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
