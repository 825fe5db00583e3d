package dev.steward.engine;

/** The database engines Steward speaks to. {@code MYSQL} covers MySQL and MariaDB. */
public enum EngineKind {
	POSTGRESQL, MYSQL, SQLITE, MONGODB
}
