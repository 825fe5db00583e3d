package dev.steward.connection;

import java.util.List;

import dev.steward.engine.DdlLanguage;
import dev.steward.engine.DumpConsistency;
import dev.steward.engine.EngineKind;
import dev.steward.engine.EngineTraits;

/**
 * An engine Steward can connect to and what it can do, for the connection form and every screen that would
 * otherwise test an engine's name. {@code defaultPort} is 0 for file-based engines. The flags are
 * {@link EngineTraits}'.
 */
public record EngineInfo(EngineKind engine, String displayName, int defaultPort, String defaultColour,
		boolean networked, boolean fileBased, boolean poolsPerDatabase, boolean schemas, boolean dumpTableFilters,
		boolean parallelRestore, boolean usernameRequired, DdlLanguage ddlLanguage, String consoleDialect,
		DumpConsistency dumpConsistency, List<String> urlForms) {

	public static EngineInfo of(EngineKind engine, EngineTraits t) {
		return new EngineInfo(engine, t.displayName(), t.defaultPort(), t.defaultColour(), t.networked(),
				t.fileBased(), t.poolsPerDatabase(), t.schemas(), t.dumpTableFilters(), t.parallelRestore(),
				t.usernameRequired(), t.ddlLanguage(), t.consoleDialect(), t.dumpConsistency(), t.urlForms());
	}
}
