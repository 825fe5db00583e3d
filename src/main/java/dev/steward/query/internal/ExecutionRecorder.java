package dev.steward.query.internal;

import java.time.Instant;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.query.HistoryEntry;
import dev.steward.query.QueryEvents.SqlExecuted;
import dev.steward.query.QueryProperties;
import dev.steward.security.UserEvents.LoggedOut;
import dev.steward.shared.Actor;

/** What happens when an execution ends: a history row for its user and an audit record; and logout's cleanup. */
@Component
public class ExecutionRecorder {

	private static final Logger log = LoggerFactory.getLogger(ExecutionRecorder.class);

	private final SqlHistoryStore history;

	private final ApplicationEventPublisher events;

	private final QueryProperties settings;

	private final ConsoleRegistry registry;

	private final TransactionTemplate tx;

	ExecutionRecorder(SqlHistoryStore history, ApplicationEventPublisher events, QueryProperties settings,
			ConsoleRegistry registry, TransactionTemplate tx) {
		this.tx = tx;
		this.history = history;
		this.events = events;
		this.settings = settings;
		this.registry = registry;
	}

	/** The end of an execution started by {@code actor} (captured on the request thread). */
	public Consumer<ExecutionRun> onEnd(Actor actor) {
		return run -> record(actor, run);
	}

	private void record(Actor actor, ExecutionRun run) {
		ConsoleEntry entry = run.entry();
		String error = run.error() == null ? null : run.error().message();
		// one transaction: the history row and the audit record (an event published on commit) go together
		tx.executeWithoutResult(status -> record(actor, run, entry, error));
	}

	private void record(Actor actor, ExecutionRun run, ConsoleEntry entry, @org.jspecify.annotations.Nullable String error) {
		try {
			history.insert(entry.userId(), new HistoryEntry(run.id(), entry.connectionId(), run.connectionName(),
					entry.database(), ExecutionRun.abbreviate(run.script(), settings.historyStatementLength() - 1),
					run.status(), run.statementCount(), run.rowsAffected(), run.rowsReturned(), error, run.startedAt(),
					run.durationMillis()));
		}
		catch (RuntimeException e) {
			log.warn("Could not record SQL history of execution {}: {}", run.id(), e.toString());
		}
		events.publishEvent(new SqlExecuted(actor, run.id(), entry.connectionId(), run.connectionName(),
				entry.database(), ExecutionRun.abbreviate(run.script().strip(), settings.auditStatementLength()),
				run.status(), run.statementCount(), run.rowsAffected(), entry.readOnly(), error, Instant.now()));
	}

	/** A user who logs out leaves no console session (and no target connection) behind. */
	@EventListener
	void on(LoggedOut event) {
		registry.closeSessionsOf(event.actor().username());
	}
}
