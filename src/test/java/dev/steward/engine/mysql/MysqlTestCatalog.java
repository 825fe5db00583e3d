package dev.steward.engine.mysql;

import dev.steward.engine.CatalogIntrospector;

/** The Mysql catalog for tests outside its package (the shared catalog contract test). */
public final class MysqlTestCatalog {

	private MysqlTestCatalog() {
	}

	public static CatalogIntrospector create() {
		return new MysqlCatalog();
	}
}
