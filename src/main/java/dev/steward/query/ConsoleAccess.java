package dev.steward.query;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.ScriptStatement;
import dev.steward.security.CurrentUser;
import dev.steward.shared.InvalidInput;

/** The rules every console operation (run, export, explain) shares: input checks and who may write. */
final class ConsoleAccess {

	private static final int MAX_NAME = 255;

	private ConsoleAccess() {
	}

	/**
	 * Read-only unless the caller may edit the connection (its owner who may operate, or an ADMIN): the database
	 * then refuses every write.
	 */
	static boolean readOnly(CurrentUser user, ResolvedConnection connection) {
		return !(user.isAdmin() || (user.canOperate() && connection.ownerId().equals(user.id())));
	}

	static String script(@Nullable String sql, QueryProperties settings) {
		if (sql == null || sql.isBlank()) {
			throw new InvalidInput("sql", "Enter a statement to run");
		}
		if (sql.length() > settings.maxScriptLength()) {
			throw new InvalidInput("sql", "At most " + settings.maxScriptLength() + " characters");
		}
		return sql;
	}

	/** The one statement of {@code sql} (export and explain take exactly one). */
	static String single(@Nullable String sql, QueryProperties settings, QueryCapability engine) {
		List<ScriptStatement> statements = engine.split(script(sql, settings));
		if (statements.isEmpty()) {
			throw new InvalidInput("sql", "Only comments: there is no statement to run");
		}
		if (statements.size() > 1) {
			throw new InvalidInput("sql", "One statement only (this has " + statements.size() + ")");
		}
		return statements.get(0).sql();
	}

	static @Nullable String database(ResolvedConnection connection, @Nullable String database) {
		if (database == null || database.isEmpty()) {
			return null;
		}
		if (database.length() > MAX_NAME || database.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInput("database", "A database name of at most " + MAX_NAME
					+ " characters, without control characters");
		}
		if (!connection.browseAllDatabases() && !database.equals(connection.spec().database())) {
			throw new InvalidInput("database", "This connection may only use its own database");
		}
		return database;
	}
}
