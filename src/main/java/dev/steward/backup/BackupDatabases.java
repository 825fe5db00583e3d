package dev.steward.backup;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.catalog.CatalogDatabases;
import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.DumpCapability;
import dev.steward.engine.Engines;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.NotFound;

/**
 * Which database of a connection's server a backup holds. The engine's dump says whether it can choose one at all
 * ({@link DumpCapability#databaseChoice()}) and which databases "all" leaves out; the server's list comes from the
 * catalog (so a connection limited to its own database can back up only that one). A name the server does not list
 * is 404, as in the catalog: the same whether it does not exist or is not this connection's to reach.
 */
@Service
public class BackupDatabases {

	/** Names as servers allow them, bounded: checked before any server is asked about them. */
	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_ .$%-]{0,127}");

	private final CatalogDatabases catalog;

	private final ConnectionLookup connections;

	private final Engines engines;

	BackupDatabases(CatalogDatabases catalog, ConnectionLookup connections, Engines engines) {
		this.catalog = catalog;
		this.connections = connections;
		this.engines = engines;
	}

	/**
	 * The database a backup of {@code connection} asked for {@code requested} holds: the connection's own when
	 * null or equal to it (no server asked), else a database the server lists for this connection.
	 */
	Choice choose(ResolvedConnection connection, DumpCapability dump, @Nullable String requested) {
		String own = catalog.own(connection);
		if (requested == null || requested.equals(own)) {
			return new Choice(own, true);
		}
		if (!NAME.matcher(requested).matches()) {
			throw new InvalidInput("database", "must be 1-128 letters, digits, space, _ . $ % - (starting with a letter, digit or _)");
		}
		if (!dump.databaseChoice()) {
			throw new InvalidInput("database", "this engine backs up the connection's own database only");
		}
		if (!catalog.names(connection).contains(requested)) {
			throw new NotFound("Database", requested);
		}
		return new Choice(requested, false);
	}

	/** The database a backup holds, and whether it is the connection's own (reached without a change). */
	record Choice(@Nullable String database, boolean own) {
	}

	/** Checks names a schedule will back up, for the current user, before it is saved. */
	public void checkNames(UUID connectionId, List<String> names) {
		ResolvedConnection connection = connections.resolveActive(connectionId);
		DumpCapability dump = engines.capability(connection.engine(), DumpCapability.class);
		for (String name : names) {
			choose(connection, dump, name);
		}
	}

	/** Whether the connection's engine can back up other databases of its server than the connection's own. */
	public boolean choiceAsSystem(UUID connectionId) {
		ResolvedConnection connection = connections.resolveAsSystem(connectionId);
		return engines.capability(connection.engine(), DumpCapability.class).databaseChoice();
	}

	/** The connection's own database (null where the engine has none to name). */
	public @Nullable String ownAsSystem(UUID connectionId) {
		return catalog.own(connections.resolveAsSystem(connectionId));
	}

	/**
	 * Every database a schedule's "all" backs up now, acting as the system: the server's list as the connection
	 * may see it, without the engine's templates and system databases; only the connection's own where the engine
	 * cannot choose.
	 */
	public List<@Nullable String> allAsSystem(UUID connectionId) {
		ResolvedConnection connection = connections.resolveAsSystem(connectionId);
		DumpCapability dump = engines.capability(connection.engine(), DumpCapability.class);
		if (!dump.databaseChoice()) {
			return java.util.Collections.singletonList(catalog.own(connection));
		}
		return catalog.names(connection).stream().filter(n -> !dump.systemDatabase(n)).map(n -> (@Nullable String) n).toList();
	}
}
