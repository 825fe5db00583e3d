package dev.steward.engine.sqlite;

import dev.steward.engine.CatalogIntrospector;

/** The Sqlite catalog for tests outside its package (the shared catalog contract test). */
public final class SqliteTestCatalog {

	private SqliteTestCatalog() {
	}

	public static CatalogIntrospector create() {
		return new SqliteCatalog();
	}
}
