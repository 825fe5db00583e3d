package dev.steward.engine;

import java.nio.file.Path;

/**
 * Where engines that keep a database in a local file (SQLite) may create, replace or delete one. The connection
 * module implements it from its settings: only inside the allowed directories, never over Steward's own keys,
 * store or backups, with symlinks followed.
 */
public interface DatabaseFiles {

	/**
	 * The real path of {@code file} (symlinks followed through its nearest existing ancestor) if a database file
	 * may live there; {@link FileRefused} otherwise. Says nothing about what is in the file.
	 */
	Path confine(Path file);
}
