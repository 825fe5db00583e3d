package dev.steward.catalog;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.steward.catalog.internal.CatalogTargets;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.CatalogIntrospector;
import dev.steward.engine.CatalogModel.DatabaseInfo;
import dev.steward.engine.Engines;

/**
 * The names of the databases a connection reaches on its server, as the catalog shows them: all of the server's
 * (templates left out by the engine) when the connection may browse all, else only its own. For other modules
 * (backups) that were handed an already resolved connection, so visibility was checked by whoever resolved it.
 */
@Service
public class CatalogDatabases {

	private final Engines engines;

	private final CatalogTargets targets;

	CatalogDatabases(Engines engines, CatalogTargets targets) {
		this.engines = engines;
		this.targets = targets;
	}

	/** Asks the server (one bounded statement); throws {@link dev.steward.engine.CatalogUnavailable} if it cannot. */
	public List<String> names(ResolvedConnection connection) {
		CatalogTargets.Target target = targets.of(connection);
		List<DatabaseInfo> all = engines.capability(connection.engine(), CatalogIntrospector.class).databases(target);
		return target.visible(all).stream().map(DatabaseInfo::name).toList();
	}

	/** The database the connection's own pool reaches: the one it names, else the engine's default (may be null). */
	public @org.jspecify.annotations.Nullable String own(ResolvedConnection connection) {
		var spec = connection.spec();
		if (spec.database() != null && !spec.database().isBlank()) {
			return spec.database();
		}
		return engines.adapter(spec.engine()).defaultDatabase(spec);
	}
}
