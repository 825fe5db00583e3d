package dev.steward.connection.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.steward.shared.InvalidInput;
import dev.steward.shared.StewardProperties;

/**
 * Keeps SQLite files inside the allowed directories. Paths are normalised and symlinks resolved (the file's
 * own real path if it exists, else its parent's) before the check, so neither {@code ..} nor a link escapes.
 */
@Component
public class SqlitePaths {

	private final List<Path> allowed;

	SqlitePaths(ConnectionProperties properties, StewardProperties steward) {
		List<Path> dirs = properties.sqliteAllowedDirs().isEmpty() ? List.of(steward.dataDir())
				: properties.sqliteAllowedDirs();
		this.allowed = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
	}

	public List<Path> allowedDirs() {
		return allowed;
	}

	/** The real, normalised path; {@link InvalidInput} on {@code field} if it is outside every allowed dir. */
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
		Path real = realPath(path.normalize());
		for (Path dir : allowed) {
			if (real.startsWith(realPath(dir)) && !real.equals(realPath(dir))) {
				return real;
			}
		}
		throw new InvalidInput(field, "must be inside an allowed directory ("
				+ String.join(", ", allowed.stream().map(Path::toString).toList()) + ")");
	}

	/** The real path of the nearest existing ancestor, with the rest appended. */
	static Path realPath(Path path) {
		Path existing = path;
		Path rest = null;
		while (existing != null && !Files.exists(existing)) {
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
			return path;
		}
	}
}
