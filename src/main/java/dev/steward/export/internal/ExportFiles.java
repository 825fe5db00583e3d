package dev.steward.export.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.steward.job.JobCleanup;
import dev.steward.job.JobKind;
import dev.steward.job.JobView;
import dev.steward.shared.OwnFiles;
import dev.steward.shared.StewardProperties;

/**
 * The export directory, Steward's own (0700, never a user's SQLite path): a job writes {@code <job>.part}, which
 * becomes {@code <job>.export} only once complete and on disk (fsync, atomic rename), so a download never sees half a
 * file. Files older than the retention period are deleted, as are partial files a crash left behind.
 */
@Component
public class ExportFiles implements OwnFiles, JobCleanup {

	private static final Logger log = LoggerFactory.getLogger(ExportFiles.class);

	private final Path dir;

	private final ExportProperties properties;

	ExportFiles(ExportProperties properties, StewardProperties steward) {
		this.properties = properties;
		this.dir = (properties.dir() == null ? steward.dataDir().resolve("exports") : properties.dir())
			.toAbsolutePath().normalize();
	}

	/** The directory, created 0700 when missing. */
	public Path dir() {
		try {
			if (!Files.isDirectory(dir)) {
				Files.createDirectories(dir,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			return dir;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A private directory inside the export directory for a job's temporary files (archives, option files). */
	public Path workDir(UUID jobId) {
		return dir().resolve("work-" + jobId);
	}

	public Path partial(UUID jobId) {
		return dir().resolve(jobId + ".part");
	}

	public Path finished(UUID jobId) {
		return dir().resolve(jobId + ".export");
	}

	/** Forces the partial file to disk and renames it to its finished name; answers the size. */
	public long commit(UUID jobId) throws IOException {
		Path part = partial(jobId);
		try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
			ch.force(true);
		}
		Path done = finished(jobId);
		try {
			Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(part, done, StandardCopyOption.REPLACE_EXISTING);
		}
		try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
			d.force(true);
		}
		catch (IOException ignored) {
			// some file systems cannot sync a directory; the file itself is on disk
		}
		return Files.size(done);
	}

	/** Removes what a failed or cancelled job left: its partial (or just renamed) file and its work directory. */
	public void discard(UUID jobId) {
		deleteQuietly(partial(jobId));
		deleteQuietly(finished(jobId));
		deleteTree(workDir(jobId));
	}

	/** Removes a job's work directory (temporary archives, option files). */
	public void discardWork(UUID jobId) {
		deleteTree(workDir(jobId));
	}

	@Override
	public Set<JobKind> kinds() {
		return Set.of(JobKind.EXPORT);
	}

	@Override
	public void cleanUp(JobView job, Map<String, String> remembered) {
		discard(job.id());
	}

	/** Deletes finished exports past the retention period, and partial files older than any job may run. */
	@Scheduled(fixedDelayString = "${steward.exports.sweep-interval:10m}", initialDelayString = "${steward.exports.sweep-interval:10m}")
	public void sweep() {
		if (!Files.isDirectory(dir)) {
			return;
		}
		Instant now = Instant.now();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
			for (Path f : files) {
				String name = f.getFileName().toString();
				Instant modified = Files.getLastModifiedTime(f).toInstant();
				boolean expired = name.endsWith(".export") && modified.plus(properties.retention()).isBefore(now);
				boolean stale = !name.endsWith(".export")
						&& modified.plus(properties.overallTimeout()).plusSeconds(3600).isBefore(now);
				if (expired || stale) {
					deleteTree(f);
				}
			}
		}
		catch (IOException e) {
			log.warn("Could not sweep the export directory {}: {}", dir, e.getMessage());
		}
	}

	@Override
	public List<Path> paths() {
		return List.of(dir);
	}

	private static void deleteQuietly(Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException e) {
			log.warn("Could not delete {}: {}", p, e.getMessage());
		}
	}

	private static void deleteTree(Path p) {
		if (!Files.exists(p)) {
			return;
		}
		if (Files.isDirectory(p)) {
			try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
				for (Path c : children) {
					deleteTree(c);
				}
			}
			catch (IOException e) {
				log.warn("Could not list {}: {}", p, e.getMessage());
			}
		}
		deleteQuietly(p);
	}
}
