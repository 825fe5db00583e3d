package dev.steward.engine;

/**
 * What moment a dump shows, so the UI can say whether it is point-in-time.
 */
public enum DumpConsistency {
	/** One consistent snapshot of the whole database (pg_dump, mariadb-dump --single-transaction on InnoDB, VACUUM INTO). */
	SNAPSHOT,
	/**
	 * Objects read one after another, each at its own moment: writes made during the dump may be partly in it.
	 * Logical, not point-in-time (Steward's driver-based MongoDB dump).
	 */
	LOGICAL
}
