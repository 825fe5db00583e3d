package dev.steward.engine;

import java.time.Duration;

/**
 * Where a {@link CatalogIntrospector} reads from: the connection's pool, and for engines whose databases
 * need a connection each (PostgreSQL) a pool per database. Supplied by the catalog feature, which owns the
 * pools' keys.
 */
public interface CatalogTarget {

	/** The registered connection's settings (with the password, for tools such as pg_dump). */
	ConnectionSpec spec();

	/** The pool of the connection's own database. */
	TargetPool pool();

	/** A pool connected to {@code database}; engines that reach every database through one pool ignore it. */
	TargetPool pool(String database);

	/** Bound on every catalog statement sent to the target. */
	Duration statementTimeout();

	/** How many documents MongoDB field inference samples. */
	default int sampleSize() {
		return 100;
	}
}
