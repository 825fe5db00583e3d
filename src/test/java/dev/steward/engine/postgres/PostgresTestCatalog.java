package dev.steward.engine.postgres;

import dev.steward.engine.CatalogIntrospector;

/** The Postgres catalog for tests outside its package (the shared catalog contract test). */
public final class PostgresTestCatalog {

	private PostgresTestCatalog() {
	}

	public static CatalogIntrospector create() {
		return new PostgresCatalog(new PostgresClientTools(java.util.List.of()));
	}
}
