package dev.steward.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.backup.BackupProperties;
import dev.steward.backup.StorageTargetKind;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.OwnFiles;
import dev.steward.shared.StewardProperties;

/**
 * Keeps managed local storage targets inside the allowed roots ({@code steward.backup.target-roots}, default
 * {@code <data>/targets}, created at start). As for SQLite files: the path is normalised and symlinks followed (real
 * path of the nearest existing ancestor) before every check, so neither {@code ..} nor a link escapes; a target may
 * not be, contain or lie inside Steward's own paths (keys, store, configured backup directory, work directory) or
 * another managed local target.
 */
@Component
public class TargetPaths {

	static final String DEFAULT_DIR = "targets";

	private final List<Path> roots;

	private final List<Path> own;

	private final StorageTargetRecords targets;

	TargetPaths(BackupProperties props, StewardProperties steward, List<OwnFiles> ownFiles,
			StorageTargetRecords targets) {
		this.targets = targets;
		this.own = ownFiles.stream().flatMap(o -> o.paths().stream())
			.map(p -> realPath(p.toAbsolutePath().normalize())).filter(java.util.Objects::nonNull).distinct().toList();
		List<Path> dirs = props.targetRoots();
		if (dirs.isEmpty()) {
			Path dir = steward.dataDir().resolve(DEFAULT_DIR);
			try {
				if (!Files.isDirectory(dir)) {
					Files.createDirectories(dir.getParent());
					Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				}
			}
			catch (IOException e) {
				throw new IllegalStateException("Cannot create the storage target root " + dir + ": " + e.getMessage(), e);
			}
			dirs = List.of(dir);
		}
		List<Path> real = new ArrayList<>();
		for (Path dir : dirs) {
			Path r = realPath(dir.toAbsolutePath().normalize());
			if (r == null) {
				throw new IllegalStateException("steward.backup.target-roots: " + dir + " passes through a broken link");
			}
			for (Path o : own) {
				if (r.startsWith(o) || o.startsWith(r)) {
					throw new IllegalStateException("steward.backup.target-roots: " + dir
							+ (r.startsWith(o) ? " is or lies inside " : " contains ") + "Steward's own " + o);
				}
			}
			real.add(r);
		}
		this.roots = List.copyOf(real);
	}

	public List<Path> roots() {
		return roots;
	}

	/**
	 * The real, normalised directory for a local target, or {@link InvalidInput} on {@code path}. {@code self}: the
	 * target being edited (its own current directory is no conflict).
	 */
	public Path check(@Nullable String raw, @Nullable UUID self) {
		if (raw == null || raw.isBlank()) {
			throw new InvalidInput("path", "is required for a local target");
		}
		Path path;
		try {
			path = Path.of(raw);
		}
		catch (InvalidPathException e) {
			throw new InvalidInput("path", "is not a valid path");
		}
		if (!path.isAbsolute()) {
			throw new InvalidInput("path", "must be an absolute path");
		}
		for (Path part : path) {
			if (part.toString().equals("..") || part.toString().equals(".")) {
				throw new InvalidInput("path", "must not contain '.' or '..' segments");
			}
		}
		Path real = realPath(path.normalize());
		if (real == null) {
			throw new InvalidInput("path", "is or passes through a link that cannot be followed");
		}
		for (Path o : own) {
			if (real.startsWith(o) || o.startsWith(real)) {
				throw new InvalidInput("path", "must not be, contain or lie inside Steward's own files (keys, store, backups)");
			}
		}
		for (StorageTargetRow other : targets.all()) {
			if (other.kind() != StorageTargetKind.LOCAL || other.id().equals(self) || other.path() == null) {
				continue;
			}
			Path theirs = realPath(Path.of(other.path()));
			if (theirs != null && (real.startsWith(theirs) || theirs.startsWith(real))) {
				throw new InvalidInput("path", "must not be, contain or lie inside the directory of target '"
						+ other.name() + "'");
			}
		}
		for (Path root : roots) {
			if (real.startsWith(root) && !real.equals(root)) {
				return real;
			}
		}
		throw new InvalidInput("path", "must be inside an allowed root ("
				+ String.join(", ", roots.stream().map(Path::toString).toList()) + ")");
	}

	/** The real path of the nearest existing ancestor with the rest appended; null when a link cannot be followed. */
	static @Nullable Path realPath(Path path) {
		Path existing = path;
		Path rest = null;
		while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			Path name = existing.getFileName();
			rest = rest == null ? name : name.resolve(rest);
			existing = existing.getParent();
		}
		if (existing == null) {
			return path;
		}
		try {
			Path real = existing.toRealPath();
			return rest == null ? real : real.resolve(rest).normalize();
		}
		catch (IOException e) {
			return null;
		}
	}
}
