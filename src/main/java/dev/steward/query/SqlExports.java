package dev.steward.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.Engines;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.QueryPlan;
import dev.steward.engine.StatementResult;
import dev.steward.query.QueryEvents.SqlExplained;
import dev.steward.query.QueryEvents.SqlExported;
import dev.steward.masking.DataMasking;
import dev.steward.masking.ResultMasking;
import dev.steward.security.CurrentUser;
import dev.steward.shared.Actor;
import dev.steward.shared.InvalidInput;
import dev.steward.shared.web.StewardRequest;

/**
 * Exports of a whole result and plans of a statement, each on a console connection of its own (never the user's
 * interactive session), read-only under the same rule as the console. Both are audited, failures included.
 */
@Service
public class SqlExports {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final ConnectionLookup connections;

	private final Engines engines;

	private final QueryProperties settings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final ResultMasking masking;

	SqlExports(ConnectionLookup connections, Engines engines, QueryProperties settings,
			ApplicationEventPublisher events, TransactionTemplate tx, ResultMasking masking) {
		this.masking = masking;
		this.connections = connections;
		this.engines = engines;
		this.settings = settings;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * Runs the statement up to its first rows, so a failure still answers with a problem body; the rows then
	 * stream through {@link PreparedExport#writeTo}.
	 *
	 * @throws dev.steward.engine.StatementFailed before any byte is sent (audited)
	 */
	public PreparedExport prepare(UUID connectionId, ExportRequest request) {
		CurrentUser user = CurrentUser.require();
		ResolvedConnection connection = connections.resolveActive(connectionId);
		QueryCapability engine = engines.capability(connection.engine(), QueryCapability.class);
		ExportFormat format = ExportFormat.parse(request.format());
		String sql = ConsoleAccess.single(request.sql(), settings, engine);
		String database = ConsoleAccess.database(connection, request.database());
		String table = table(request.table());
		boolean readOnly = ConsoleAccess.readOnly(user, connection);
		DataMasking masked = masking.forUser(user, connection, database);
		masked.checkStatement(sql);
		Actor actor = Actor.current();
		String statement = abbreviate(sql);
		java.util.function.BiConsumer<Long, @Nullable String> audit = (rows, error) -> publish(new SqlExported(actor,
				connectionId, connection.name(), database, statement, format.name(), rows, readOnly, error,
				Instant.now()));
		ConsoleSession session = engine.open(connection.spec(), new ConsoleOptions(database, readOnly, true));
		StatementResult result;
		try {
			result = masked.wrap(session.execute(sql, PreparedExport.FETCH));
		}
		catch (RuntimeException e) {
			session.close();
			audit.accept(0L, e.getMessage() == null ? e.toString() : e.getMessage());
			throw masked.failure(e);
		}
		connections.markUsed(connectionId);
		if (result.columns().isEmpty()) {
			result.close();
			session.close();
			audit.accept(0L, "the statement returned no rows");
			throw new InvalidInput("sql", "The statement ran but returned no rows to export");
		}
		String filename = filename(connection.name(), format);
		return new PreparedExport(session, result, engine, format, table, filename, audit);
	}

	/**
	 * The plan of one statement. With {@code analyze} the statement runs inside a transaction that is rolled back;
	 * in a read-only session the database refuses a write even then.
	 */
	public QueryPlan explain(UUID connectionId, ExplainRequest request) {
		CurrentUser user = CurrentUser.require();
		ResolvedConnection connection = connections.resolveActive(connectionId);
		QueryCapability engine = engines.capability(connection.engine(), QueryCapability.class);
		String sql = ConsoleAccess.single(request.sql(), settings, engine);
		String database = ConsoleAccess.database(connection, request.database());
		boolean analyze = Boolean.TRUE.equals(request.analyze());
		boolean readOnly = ConsoleAccess.readOnly(user, connection);
		DataMasking masked = masking.forUser(user, connection, database);
		masked.checkStatement(sql);
		Actor actor = Actor.current();
		String error = null;
		try (ConsoleSession session = engine.open(connection.spec(), new ConsoleOptions(database, readOnly))) {
			connections.markUsed(connectionId);
			return engine.explain(session, sql, analyze);
		}
		catch (RuntimeException e) {
			error = e.getMessage() == null ? e.toString() : e.getMessage();
			throw masked.failure(e);
		}
		finally {
			publish(new SqlExplained(actor, connectionId, connection.name(), database, abbreviate(sql), analyze,
					readOnly, error, Instant.now()));
		}
	}

	private void publish(Object event) {
		// audit records are written when a transaction commits
		tx.executeWithoutResult(status -> events.publishEvent(event));
		if (event instanceof SqlExported e && e.error() != null || event instanceof SqlExplained x && x.error() != null) {
			StewardRequest.markCurrentAudited(); // this record tells the failure; no second one for the HTTP status
		}
	}

	private String abbreviate(String sql) {
		String s = sql.strip();
		int max = settings.auditStatementLength();
		return s.length() <= max ? s : s.substring(0, max) + "…";
	}

	private static String table(@Nullable String table) {
		if (table == null || table.isBlank()) {
			return "exported";
		}
		if (table.length() > 128 || table.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInput("table", "A table name of at most 128 characters, without control characters");
		}
		return table;
	}

	/** The connection's name reduced to safe characters, the time and the format's extension. */
	static String filename(String connectionName, ExportFormat format) {
		String base = connectionName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
		if (base.isEmpty()) {
			base = "export";
		}
		if (base.length() > 60) {
			base = base.substring(0, 60);
		}
		return base + "-" + STAMP.format(Instant.now()) + "." + format.extension();
	}
}
