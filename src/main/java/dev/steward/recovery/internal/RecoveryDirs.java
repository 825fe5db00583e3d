package dev.steward.recovery.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.steward.shared.StewardProperties;

/**
 * Where recovery keeps files on this host, apart from keys, store and backups: {@code <data>/recovery/<connection>}
 * stages WAL the receiver writes until it is sealed into storage; restored instances live under
 * {@code steward.recovery.instances-dir} (default {@code <data>/restored-instances}), one directory per instance
 * named by its id. Every path is built from ids Steward generated, never from request text.
 */
@Component
public class RecoveryDirs {

	private final Path archives;

	private final Path instances;

	RecoveryDirs(StewardProperties steward, @Value("${steward.recovery.instances-dir:}") @Nullable String instancesDir) {
		this.archives = steward.dataDir().resolve("recovery");
		this.instances = instancesDir == null || instancesDir.isBlank() ? steward.dataDir().resolve("restored-instances")
				: Path.of(instancesDir).toAbsolutePath().normalize();
	}

	/** The receiver's staging directory of a connection's archive (created 0700). */
	public Path incoming(UUID connectionId) throws IOException {
		return ownDir(archives.resolve(connectionId.toString()).resolve("incoming"));
	}

	public Path log(UUID connectionId) throws IOException {
		return ownDir(archives.resolve(connectionId.toString())).resolve("receiver.log");
	}

	/** Scratch for one base backup run. */
	public Path baseWork(UUID backupId) throws IOException {
		return ownDir(archives.resolve("base-" + backupId));
	}

	/**
	 * A new restored instance's directory. When Steward runs as root the server runs as {@code postgres}, which
	 * must be able to pass through every parent; refused with the setting to change when it cannot.
	 */
	public Path instance(UUID id) throws IOException {
		Files.createDirectories(instances);
		if ("root".equals(System.getProperty("user.name"))) {
			for (Path p = instances; p != null; p = p.getParent()) {
				if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
					throw new IllegalStateException("The restored server runs as the postgres user, which cannot enter "
							+ p + "; set steward.recovery.instances-dir to a directory it can reach");
				}
			}
		}
		Path dir = instances.resolve(id.toString());
		Files.createDirectory(dir);
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
		return dir;
	}

	public boolean isInstanceDir(Path dir) {
		return dir.normalize().startsWith(instances) && !dir.normalize().equals(instances);
	}

	private static Path ownDir(Path dir) throws IOException {
		Files.createDirectories(dir);
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
		return dir;
	}

	/** Deletes a tree Steward made (best effort on each file; never follows links out of it). */
	public static void deleteTree(Path dir) {
		if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException e) {
			// what is left is reported by the caller's next look; nothing here is secret
		}
	}
}
