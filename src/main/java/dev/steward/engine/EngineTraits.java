package dev.steward.engine;

import java.util.List;
import java.util.Objects;

/**
 * What an engine is and can do, so that features and the web app ask for a flag instead of testing an engine's
 * name. Built fluently: {@code EngineTraits.networked("PostgreSQL", 5432, "#336791").withSchemas()…}.
 *
 * @param displayName      for the UI, e.g. "PostgreSQL"
 * @param defaultPort      0 when the engine is not networked
 * @param defaultColour    a connection's colour unless the user picks one ({@code #rrggbb})
 * @param fileBased        a database is a local file (SQLite) rather than a server reached over the network
 * @param poolsPerDatabase a connection reaches one database only, so browsing another needs a pool of its own
 * @param schemas          databases hold schemas; otherwise the catalog reads a schema name as the database
 * @param dumpTableFilters a dump can include or leave out named tables
 * @param parallelRestore  a restore can run several jobs at once
 * @param usernameRequired testing or saving a connection needs a user name (the driver would otherwise log in as
 *                         Steward's OS user)
 * @param ddlLanguage      the language of object definitions
 * @param consoleDialect   the language a console for this engine speaks, e.g. {@code postgresql} ({@code sql} unless
 *                         set)
 * @param dumpConsistency  whether a dump is one snapshot or objects read one after another
 * @param urlForms         the connection strings {@link EngineAdapter#parseUrl} takes, for hints and messages
 *                         (e.g. {@code postgresql://}, {@code a SQLite file path})
 */
public record EngineTraits(String displayName, int defaultPort, String defaultColour, boolean fileBased,
		boolean poolsPerDatabase, boolean schemas, boolean dumpTableFilters, boolean parallelRestore,
		boolean usernameRequired, DdlLanguage ddlLanguage, String consoleDialect, DumpConsistency dumpConsistency,
		List<String> urlForms) {

	public EngineTraits {
		Objects.requireNonNull(displayName);
		urlForms = List.copyOf(urlForms);
		if (!defaultColour.matches("#[0-9a-f]{6}")) {
			throw new IllegalArgumentException("defaultColour must look like #rrggbb (lower case)");
		}
		if (fileBased == (defaultPort != 0)) {
			throw new IllegalArgumentException("a file-based engine has no port, a networked one has one");
		}
	}

	/** A server engine: SQL, one snapshot per dump, nothing else until a {@code with…} says so. */
	public static EngineTraits networked(String displayName, int defaultPort, String defaultColour) {
		return new EngineTraits(displayName, defaultPort, defaultColour, false, false, false, false, false, false,
				DdlLanguage.SQL, "sql", DumpConsistency.SNAPSHOT, List.of());
	}

	/** An engine whose database is a local file. */
	public static EngineTraits fileBased(String displayName, String defaultColour) {
		return new EngineTraits(displayName, 0, defaultColour, true, false, false, false, false, false,
				DdlLanguage.SQL, "sql", DumpConsistency.SNAPSHOT, List.of());
	}

	public boolean networked() {
		return !fileBased;
	}

	public EngineTraits withPoolsPerDatabase() {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, true, schemas, dumpTableFilters,
				parallelRestore, usernameRequired, ddlLanguage, consoleDialect, dumpConsistency, urlForms);
	}

	public EngineTraits withSchemas() {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, true,
				dumpTableFilters, parallelRestore, usernameRequired, ddlLanguage, consoleDialect, dumpConsistency, urlForms);
	}

	public EngineTraits withDumpTableFilters() {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, schemas, true,
				parallelRestore, usernameRequired, ddlLanguage, consoleDialect, dumpConsistency, urlForms);
	}

	public EngineTraits withParallelRestore() {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, schemas,
				dumpTableFilters, true, usernameRequired, ddlLanguage, consoleDialect, dumpConsistency, urlForms);
	}

	public EngineTraits withUsernameRequired() {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, schemas,
				dumpTableFilters, parallelRestore, true, ddlLanguage, consoleDialect, dumpConsistency, urlForms);
	}

	public EngineTraits withDdl(DdlLanguage language) {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, schemas,
				dumpTableFilters, parallelRestore, usernameRequired, language, consoleDialect, dumpConsistency, urlForms);
	}

	public EngineTraits withConsoleDialect(String dialect) {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, schemas,
				dumpTableFilters, parallelRestore, usernameRequired, ddlLanguage, dialect, dumpConsistency, urlForms);
	}

	public EngineTraits withDumpConsistency(DumpConsistency consistency) {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, schemas,
				dumpTableFilters, parallelRestore, usernameRequired, ddlLanguage, consoleDialect, consistency, urlForms);
	}

	public EngineTraits withUrlForms(String... forms) {
		return new EngineTraits(displayName, defaultPort, defaultColour, fileBased, poolsPerDatabase, schemas,
				dumpTableFilters, parallelRestore, usernameRequired, ddlLanguage, consoleDialect, dumpConsistency,
				List.of(forms));
	}
}
