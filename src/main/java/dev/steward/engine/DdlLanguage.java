package dev.steward.engine;

import java.util.Locale;

/** The language an engine's object definitions ({@link CatalogIntrospector#ddl}) are written in. */
public enum DdlLanguage {
	SQL, JSON;

	/** As the catalog's DDL view spells it ({@code sql}, {@code json}). */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}
}
