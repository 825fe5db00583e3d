package dev.steward.engine.mongo;

import dev.steward.engine.CatalogIntrospector;

/** The MongoDB catalog for tests outside its package (the shared data grid contract test). */
public final class MongoTestCatalog {

	private MongoTestCatalog() {
	}

	public static CatalogIntrospector create() {
		return new MongoCatalog();
	}
}
