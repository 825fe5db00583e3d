package dev.steward.engine;

/** Maintenance an engine may offer ({@link MaintenanceCapability#operations()}). */
public enum MaintenanceOperation {
	/** PostgreSQL {@code VACUUM}, SQLite {@code VACUUM}. */
	VACUUM,
	VACUUM_ANALYZE,
	/** Statistics: PostgreSQL and SQLite {@code ANALYZE}, MySQL {@code ANALYZE TABLE}. */
	ANALYZE,
	VACUUM_FULL,
	/** PostgreSQL {@code REINDEX TABLE}. */
	REINDEX,
	/** MySQL {@code OPTIMIZE TABLE}. */
	OPTIMIZE,
	/** MySQL {@code CHECK TABLE}. */
	CHECK,
	/** SQLite {@code PRAGMA integrity_check}. */
	INTEGRITY_CHECK
}
