package dev.steward.dataimport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.steward.dataimport.ImportProperties;
import dev.steward.dataimport.UploadTooLarge;
import dev.steward.shared.Conflict;
import dev.steward.shared.OwnFiles;

import jakarta.annotation.PreDestroy;

/**
 * Uploaded files, each in a directory of this instance's own (a fresh temporary directory only its OS user can
 * read, never the data directory that holds keys, the store and backups). Bodies are streamed to disk with a byte
 * limit, forced and renamed into place. Uploads live in memory: a restart forgets them and the directory goes
 * with the instance; unused ones expire.
 */
@Component
public class UploadStore implements OwnFiles {

	private static final int BUFFER = 64 * 1024;

	/** One uploaded file, owned by the user who sent it, for one connection. */
	public record Upload(UUID id, UUID ownerId, UUID connectionId, String name, Path file, long size, Instant at,
			AtomicBoolean inUse) {
	}

	private final Path dir;

	private final ImportProperties properties;

	private final Clock clock;

	private final Map<UUID, Upload> uploads = new ConcurrentHashMap<>();

	UploadStore(ImportProperties properties) throws IOException {
		this.properties = properties;
		this.clock = Clock.systemUTC();
		this.dir = createDirectory();
	}

	private static Path createDirectory() throws IOException {
		try {
			return Files.createTempDirectory("steward-imports-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (UnsupportedOperationException e) {
			return Files.createTempDirectory("steward-imports-");
		}
	}

	@Override
	public List<Path> paths() {
		return List.of(dir);
	}

	/**
	 * Streams {@code body} into a file of its own, refusing it beyond the limit (a declared length over it is refused
	 * before a byte is read). A user at their limit of uploads loses their oldest unused one.
	 */
	public Upload store(UUID ownerId, UUID connectionId, String name, InputStream body, long declaredLength)
			throws IOException {
		long limit = properties.maxUploadBytes();
		if (declaredLength > limit) {
			throw new UploadTooLarge(limit);
		}
		makeRoom(ownerId);
		UUID id = UUID.randomUUID();
		Path part = dir.resolve(id + ".part");
		Path file = dir.resolve(id + ".upload");
		long size = 0;
		try {
			try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
					OutputStream out = Channels.newOutputStream(channel)) {
				byte[] buffer = new byte[BUFFER];
				int n;
				while ((n = body.read(buffer)) != -1) {
					size += n;
					if (size > limit) {
						throw new UploadTooLarge(limit);
					}
					out.write(buffer, 0, n);
				}
				out.flush();
				channel.force(true);
			}
			Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(part);
		}
		Upload upload = new Upload(id, ownerId, connectionId, name, file, size, clock.instant(), new AtomicBoolean());
		uploads.put(id, upload);
		return upload;
	}

	private void makeRoom(UUID ownerId) {
		List<Upload> mine = uploads.values().stream().filter(u -> u.ownerId().equals(ownerId))
			.sorted(Comparator.comparing(Upload::at)).toList();
		int excess = mine.size() - properties.maxUploadsPerUser() + 1;
		for (Upload u : mine) {
			if (excess <= 0) {
				return;
			}
			if (!u.inUse().get()) {
				delete(u.id());
				excess--;
			}
		}
		if (excess > 0) {
			throw new Conflict("Too many imports of yours are running; wait for one to finish");
		}
	}

	/** The caller's upload for this connection; another user's (or connection's) is as absent as a missing one. */
	public Optional<Upload> find(UUID id, UUID ownerId, UUID connectionId) {
		return Optional.ofNullable(uploads.get(id))
			.filter(u -> u.ownerId().equals(ownerId) && u.connectionId().equals(connectionId));
	}

	public Instant expiresAt(Upload upload) {
		return upload.at().plus(properties.uploadExpiry());
	}

	public void delete(UUID id) {
		Upload upload = uploads.remove(id);
		if (upload != null) {
			try {
				Files.deleteIfExists(upload.file());
			}
			catch (IOException e) {
				// the directory goes with the instance
			}
		}
	}

	/** Deletes expired uploads that no import is reading. */
	@Scheduled(fixedDelayString = "${steward.import.sweep-interval:PT1M}")
	public void expire() {
		Instant now = clock.instant();
		// an upload still marked in use long after any import could have ended belongs to a job that never ran
		Instant abandoned = now.minus(properties.overallTimeout()).minus(properties.uploadExpiry());
		uploads.values().stream()
			.filter(u -> !u.inUse().get() && !expiresAt(u).isAfter(now) || u.at().isBefore(abandoned))
			.map(Upload::id).toList().forEach(this::delete);
	}

	@PreDestroy
	void removeAll() {
		uploads.keySet().forEach(this::delete);
		try (var files = Files.list(dir)) {
			for (Path p : files.toList()) {
				Files.deleteIfExists(p);
			}
			Files.deleteIfExists(dir);
		}
		catch (IOException e) {
			// a temporary directory: the OS cleans it eventually
		}
	}
}
