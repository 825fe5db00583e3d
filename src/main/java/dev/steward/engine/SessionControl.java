package dev.steward.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sessions on a target server: list them, cancel a session's running statement, end a session. Every statement
 * runs under {@code timeout} on a connection of {@code pool}. Implementations mark Steward's own sessions
 * ({@link TargetSession#steward()}); callers refuse to touch those.
 */
public interface SessionControl extends EngineCapability {

	/** The canonical id if {@code raw} is a session id of this engine (e.g. a positive integer); empty otherwise. */
	Optional<String> parseId(String raw);

	/**
	 * The server's client sessions (no background workers), at most {@code limit}: of every database when
	 * {@code allDatabases}, else only those in the pool's own database.
	 */
	List<TargetSession> list(TargetPool pool, ConnectionSpec spec, Duration timeout, int limit, boolean allDatabases);

	/** Cancels the session's running statement; false when the server found no such session. */
	boolean cancel(TargetPool pool, ConnectionSpec spec, String id, Duration timeout);

	/** Ends the session; false when the server found no such session. */
	boolean terminate(TargetPool pool, ConnectionSpec spec, String id, Duration timeout);
}
