package dev.steward.connection.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.engine.DatabaseFiles;
import dev.steward.engine.FileRefused;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.OwnFiles;
import dev.steward.shared.StewardProperties;

/**
 * Keeps SQLite files inside the allowed directories: by default {@code <data>/sqlite}, created at start; a
 * configured directory that is, contains or lies inside one of Steward's own paths (keys, the H2 store, backups)
 * stops the start. Paths are normalised and symlinks followed (the real path of the nearest existing ancestor)
 * before every check, so neither {@code ..} nor a link escapes; a broken link is refused.
 */
@Component
public class SqlitePaths implements DatabaseFiles {

	/** Below the data dir, next to (never inside) the keys, the store and the backups. */
	static final String DEFAULT_DIR = "sqlite";

	private final List<Path> allowed;

	private final List<Path> own;

	SqlitePaths(ConnectionProperties properties, StewardProperties steward, List<OwnFiles> ownFiles) {
		this.own = ownFiles.stream().flatMap(o -> o.paths().stream())
			.map(p -> realPath(p.toAbsolutePath().normalize())).distinct().toList();
		List<Path> dirs = properties.sqliteAllowedDirs();
		if (dirs.isEmpty()) {
			Path dir = steward.dataDir().resolve(DEFAULT_DIR);
			try {
				if (!Files.isDirectory(dir)) {
					Files.createDirectories(dir.getParent());
					Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				}
			}
			catch (IOException e) {
				throw new IllegalStateException("Cannot create the SQLite directory " + dir + ": " + e.getMessage(), e);
			}
			dirs = List.of(dir);
		}
		List<Path> real = new ArrayList<>();
		for (Path dir : dirs) {
			Path r;
			try {
				r = realPath(dir.toAbsolutePath().normalize());
			}
			catch (FileRefused e) {
				throw new IllegalStateException("steward.connection.sqlite-allowed-dirs: " + dir + " " + e.getMessage());
			}
			for (Path o : own) {
				if (r.startsWith(o) || o.startsWith(r)) {
					throw new IllegalStateException("steward.connection.sqlite-allowed-dirs: " + dir
							+ (r.startsWith(o) ? " is or lies inside " : " contains ") + "Steward's own " + o
							+ "; give SQLite databases a directory of their own");
				}
			}
			real.add(r);
		}
		this.allowed = List.copyOf(real);
	}

	/** The allowed directories, as real paths. */
	public List<Path> allowedDirs() {
		return allowed;
	}

	/**
	 * For registering or editing a connection: the real, normalised path; {@link InvalidInput} on {@code field}
	 * if it is outside every allowed dir or one of Steward's own paths. Whether an existing file there is a
	 * database of the engine is the adapter's to say ({@link dev.steward.engine.EngineAdapter#refuseFile}).
	 */
	public Path check(String raw, String field) {
		Path path;
		try {
			path = Path.of(raw);
		}
		catch (InvalidPathException e) {
			throw new InvalidInput(field, "is not a valid path");
		}
		if (!path.isAbsolute()) {
			throw new InvalidInput(field, "must be an absolute path");
		}
		Path real;
		try {
			real = confine(path.normalize());
		}
		catch (FileRefused e) {
			throw new InvalidInput(field, String.valueOf(e.getMessage()));
		}
		return real;
	}

	@Override
	public Path confine(Path file) {
		Path real = realPath(file.toAbsolutePath().normalize());
		for (Path o : own) {
			if (real.startsWith(o)) {
				throw new FileRefused("must not be one of Steward's own files (keys, store, backups)");
			}
		}
		for (Path dir : allowed) {
			if (real.startsWith(dir) && !real.equals(dir)) {
				return real;
			}
		}
		throw new FileRefused("must be inside an allowed directory ("
				+ String.join(", ", allowed.stream().map(Path::toString).toList()) + ")");
	}

	/**
	 * The real path of the nearest existing ancestor, with the rest appended; {@link FileRefused} when a link
	 * on the way is broken or cannot be followed.
	 */
	static Path realPath(Path path) {
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
			throw new FileRefused("is or passes through a link that cannot be followed");
		}
	}
}
