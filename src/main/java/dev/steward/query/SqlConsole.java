package dev.steward.query;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.Engines;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.ScriptStatement;
import dev.steward.masking.DataMasking;
import dev.steward.masking.ResultMasking;
import dev.steward.query.internal.ConsoleEntry;
import dev.steward.query.internal.ConsoleRegistry;
import dev.steward.query.internal.ExecutionRecorder;
import dev.steward.query.internal.ExecutionRun;
import dev.steward.query.internal.SqlHistoryStore;
import dev.steward.security.CurrentUser;
import dev.steward.security.UserLimits;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.PageResult;

/**
 * The SQL console's operations for the current user. Visibility first (a connection the caller may not see is
 * 404), then the input. A session is read-only unless the caller may edit the connection (its owner who may
 * operate, or an ADMIN): the database then refuses every write.
 */
@Service
public class SqlConsole {

	private final ConnectionLookup connections;

	private final Engines engines;

	private final ConsoleRegistry registry;

	private final ExecutionRecorder recorder;

	private final SqlHistoryStore history;

	private final QueryProperties settings;

	private final ResultMasking masking;

	private final UserLimits userLimits;

	SqlConsole(ConnectionLookup connections, Engines engines, ConsoleRegistry registry, ExecutionRecorder recorder,
			SqlHistoryStore history, QueryProperties settings, ResultMasking masking, UserLimits userLimits) {
		this.masking = masking;
		this.userLimits = userLimits;
		this.connections = connections;
		this.engines = engines;
		this.registry = registry;
		this.recorder = recorder;
		this.history = history;
		this.settings = settings;
	}

	/** Starts {@code request} and answers at once, with the execution still running. */
	public ExecutionView submit(UUID connectionId, SqlRequest request) {
		CurrentUser user = CurrentUser.require();
		ResolvedConnection connection = connections.resolveActive(connectionId);
		QueryCapability engine = engines.capability(connection.engine(), QueryCapability.class);
		String sql = ConsoleAccess.script(request.sql(), settings);
		String database = ConsoleAccess.database(connection, request.database());
		java.util.List<ScriptStatement> statements = engine.split(sql);
		if (statements.isEmpty()) {
			throw new InvalidInput("sql", "Only comments: there is no statement to run");
		}
		boolean readOnly = ConsoleAccess.readOnly(user, connection);
		DataMasking masked = masking.forUser(user, connection, database);
		for (ScriptStatement statement : statements) {
			masked.checkStatement(statement.sql());
		}
		UserLimits.Limits limits = userLimits.effective(user.id());
		ConsoleEntry entry = registry.session(user.id(), user.username(), request.sessionId(), connectionId,
				database, readOnly, engine, connection::spec, limits.maxConsoleSessions());
		ExecutionRun run = registry.start(entry, connection.name(), sql, statements,
				Boolean.TRUE.equals(request.continueOnError()), recorder.onEnd(Actor.current()), masked,
				limits.maxRunningStatements());
		connections.markUsed(connectionId);
		return run.view();
	}

	/** The execution's state, waiting up to {@code waitMillis} (at most 30 s) for it to end. */
	public ExecutionView view(UUID id, long waitMillis) {
		ExecutionRun run = registry.execution(id, CurrentUser.require().id());
		if (waitMillis > 0 && run.status() == ExecutionStatus.RUNNING) {
			try {
				run.await(Math.min(waitMillis, 30_000));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return run.view();
	}

	public RowsPage rows(UUID id, int result, long offset, int limit) {
		ExecutionRun run = registry.execution(id, CurrentUser.require().id());
		if (offset < 0) {
			throw new InvalidInput("offset", "Must not be negative");
		}
		if (limit < 1 || limit > settings.maxPageSize()) {
			throw new InvalidInput("limit", "Between 1 and " + settings.maxPageSize());
		}
		return run.rows(result, offset, limit);
	}

	/** Cancels the execution at the server; its status becomes CANCELLED once the statement has stopped. */
	public ExecutionView cancel(UUID id) {
		ExecutionRun run = registry.execution(id, CurrentUser.require().id());
		run.cancel();
		return run.view();
	}

	public PageResult<HistoryEntry> history(@Nullable String text, @Nullable UUID connectionId, int page, int size) {
		if (page < 0) {
			throw new InvalidInput("page", "Must not be negative");
		}
		if (size < 1 || size > 100) {
			throw new InvalidInput("size", "Between 1 and 100");
		}
		if (text != null && text.length() > 200) {
			throw new InvalidInput("q", "At most 200 characters");
		}
		return history.page(CurrentUser.require().id(), text == null || text.isBlank() ? null : text.strip(),
				connectionId, page, size);
	}

	/**
	 * Commits or rolls back the open transaction of the caller's console session: the engine's own statement run
	 * on that session like any other (so read-only guards, history and audit apply), waited for up to 10 s.
	 */
	public ExecutionView endTransaction(UUID sessionId, boolean commit) {
		ConsoleEntry entry = registry.own(sessionId, CurrentUser.require().id());
		if (entry.busy()) {
			throw new dev.steward.shared.Conflict("The console session is still running a statement; cancel it or wait");
		}
		if (!entry.inTransaction()) {
			throw new dev.steward.shared.Conflict("The console session has no open transaction");
		}
		ResolvedConnection connection = connections.resolveActive(entry.connectionId());
		String statement = engines.capability(connection.engine(), QueryCapability.class).endTransaction(commit);
		ExecutionView started = submit(entry.connectionId(), new SqlRequest(statement, entry.database(), sessionId,
				false));
		return view(started.id(), 10_000);
	}

	/** Whether a console session is still open. */
	public boolean sessionOpen(UUID sessionId) {
		return registry.isOpen(sessionId);
	}
}
