package dev.steward.engine;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a logical dump of a database to a stream, in the engine's native format where it has one
 * ({@code pg_dump -Fc}, {@code mariadb-dump}), a consistent file copy for SQLite, or Steward's documented
 * archive for MongoDB. The caller compresses, encrypts and stores; this only produces bytes.
 */
public interface DumpCapability extends EngineCapability {

	/**
	 * Checks everything that can be checked before any byte is written (client tool present and new enough,
	 * server reachable); throws {@link ToolUnavailable} with a message the user can act on.
	 */
	void preflight(ConnectionSpec spec, DumpOptions options);

	/**
	 * Streams the dump to {@code out} (not closed here). Cancellation and timeouts come through
	 * {@code control}; a failure throws with the tool's own words.
	 */
	DumpResult dump(ConnectionSpec spec, DumpOptions options, OutputStream out, ToolControl control)
			throws IOException;

	/** File name extension of a dump, without compression/encryption suffixes (e.g. {@code pgdump}). */
	String extension();

	/**
	 * Whether a dump can cover another database of the connection's server than the connection's own one (a server
	 * holding several: one dump per database, reached with {@link ConnectionSpec#withDatabase}); false where a
	 * connection is its one database (a SQLite file).
	 */
	default boolean databaseChoice() {
		return false;
	}

	/**
	 * Whether "all databases" leaves this one out: templates and the server's own system databases, which are not
	 * the user's data (and could not be restored as such).
	 */
	default boolean systemDatabase(String name) {
		return false;
	}
}
