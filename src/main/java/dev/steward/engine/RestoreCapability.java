package dev.steward.engine;

import java.io.IOException;
import java.util.List;

/**
 * Reads back what a {@link DumpCapability} of the same engine wrote. Database names given here have been
 * validated by the caller and are quoted by the engine's rules.
 */
public interface RestoreCapability extends EngineCapability {

	/**
	 * Reads the whole archive with the engine's own tool and refuses an empty or unreadable one
	 * ({@link ArchiveInvalid}); the caller runs this before touching any target.
	 */
	ArchiveListing inspect(ArchiveSource archive, ToolControl control) throws IOException;

	/**
	 * Checks what can be checked before the target is touched (a client tool that can work with the target
	 * server); throws {@link ToolUnavailable} with a message the user can act on.
	 */
	default void preflight(ConnectionSpec target) {
	}

	/** Restores into the database (or SQLite file) {@code target} names; stops at the first error. */
	void restore(ConnectionSpec target, ArchiveSource archive, RestoreOptions options, ToolControl control)
			throws IOException;

	/** Whether {@code database} exists on the server {@code server} points at. */
	boolean databaseExists(ConnectionSpec server, String database);

	/** Creates an empty database next to the one {@code server} points at; answers the spec for it. */
	ConnectionSpec createDatabase(ConnectionSpec server, String database);

	/**
	 * A scratch database's name (for test restores) made from a plain {@code base}, in the form
	 * {@link #createDatabase} takes: file-based engines add their file extension.
	 */
	default String scratchName(String base) {
		return base;
	}

	/** Drops a database created by {@link #createDatabase} (for test restores). */
	void dropDatabase(ConnectionSpec server, String database);

	/** Exact row (document) counts per table, named as in {@link DumpResult#tables()}. */
	List<TableRows> countRows(ConnectionSpec spec);
}
