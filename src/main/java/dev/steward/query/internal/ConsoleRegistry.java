package dev.steward.query.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.QueryCapability;
import dev.steward.engine.ScriptStatement;
import dev.steward.masking.DataMasking;
import dev.steward.query.QueryProperties;
import dev.steward.shared.Conflict;
import dev.steward.shared.LimitExceeded;
import dev.steward.shared.NotFound;

/**
 * Every open console session and every remembered execution, in memory. Bounded per user (sessions, executions,
 * rows per result); a sweeper closes idle sessions and idle cursors. The per-user limits of the security settings
 * (concurrent sessions, running statements) are counted here, per instance: a console session and its statements
 * live on the instance holding its JDBC connection.
 */
@Component
public class ConsoleRegistry implements DisposableBean {

	private final QueryProperties settings;

	private final Map<UUID, ConsoleEntry> sessions = new ConcurrentHashMap<>();

	private final Map<UUID, ExecutionRun> executions = new ConcurrentHashMap<>();

	private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
			Thread.ofVirtual().name("sql-console-", 0).factory());

	private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("sql-console-sweeper").daemon().factory());

	public ConsoleRegistry(QueryProperties settings) {
		this.settings = settings;
		Duration shortest = settings.sessionIdleTimeout().compareTo(settings.cursorIdleTimeout()) < 0
				? settings.sessionIdleTimeout() : settings.cursorIdleTimeout();
		long period = Math.max(100, Math.min(5000, shortest.toMillis() / 4));
		sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * The caller's session {@code sessionId} on this connection and database, or a new one (closing the caller's
	 * least recently used idle session when they hold the most allowed).
	 */
	public ConsoleEntry session(UUID userId, String username, @Nullable UUID sessionId,
			UUID connectionId, @Nullable String database, boolean readOnly, QueryCapability engine,
			Supplier<ConnectionSpec> reach) {
		return session(userId, username, sessionId, connectionId, database, readOnly, engine, reach, null);
	}

	/**
	 * As above, refusing a new session (429) when the user already holds {@code maxSessions}, their per-user limit
	 * ({@code null}: only the server's own cap, which closes the least recently used idle session instead).
	 */
	public synchronized ConsoleEntry session(UUID userId, String username, @Nullable UUID sessionId,
			UUID connectionId, @Nullable String database, boolean readOnly, QueryCapability engine,
			Supplier<ConnectionSpec> reach, @Nullable Integer maxSessions) {
		if (sessionId != null) {
			ConsoleEntry entry = sessions.get(sessionId);
			if (entry == null || !entry.userId().equals(userId) || !entry.connectionId().equals(connectionId)) {
				throw new NotFound("SQL session", sessionId);
			}
			if (entry.readOnly() == readOnly && (database == null || Objects.equals(database, entry.database()))) {
				if (entry.busy()) {
					throw new Conflict("The console session is still running a statement; cancel it or wait");
				}
				return entry;
			}
			remove(entry); // the caller's rights or the database changed: a session to match
		}
		List<ConsoleEntry> own = sessions.values().stream().filter(e -> e.userId().equals(userId))
			.sorted(Comparator.comparing(ConsoleEntry::lastUsed)).toList();
		if (maxSessions != null && own.size() >= maxSessions) {
			throw new LimitExceeded("maxConsoleSessions", maxSessions, "Your limit of concurrent console sessions ("
					+ maxSessions + ") is reached; reuse an open console, or wait until an unused one closes "
					+ "(after " + settings.sessionIdleTimeout().toMinutes() + " minutes idle)");
		}
		if (own.size() >= settings.maxSessionsPerUser()) {
			ConsoleEntry idle = own.stream().filter(e -> !e.busy()).findFirst()
				.orElseThrow(() -> new Conflict("All " + settings.maxSessionsPerUser()
						+ " of your console sessions are running statements; cancel one or wait"));
			remove(idle);
		}
		ConsoleEntry entry = new ConsoleEntry(UUID.randomUUID(), userId, username, connectionId, database, readOnly,
				engine, reach);
		sessions.put(entry.id(), entry);
		return entry;
	}

	/** Starts an execution on its own thread; {@code onEnd} runs on that thread once it has ended. */
	public ExecutionRun start(ConsoleEntry entry, String connectionName, String script,
			List<ScriptStatement> statements, boolean continueOnError, Consumer<ExecutionRun> onEnd) {
		return start(entry, connectionName, script, statements, continueOnError, onEnd, DataMasking.none(), null);
	}

	/**
	 * As above, each statement's result and error passed through {@code view} (data masking) before anyone reads it,
	 * refusing (429) when the user already runs {@code maxRunning} statements ({@code null}: no limit).
	 */
	public ExecutionRun start(ConsoleEntry entry, String connectionName, String script,
			List<ScriptStatement> statements, boolean continueOnError, Consumer<ExecutionRun> onEnd,
			DataMasking view, @Nullable Integer maxRunning) {
		ExecutionRun run = new ExecutionRun(UUID.randomUUID(), entry, connectionName, script, statements,
				continueOnError, settings, view);
		synchronized (this) {
			if (maxRunning != null) {
				long running = executions.values().stream()
					.filter(r -> r.entry().userId().equals(entry.userId()) && r.running()).count();
				if (running >= maxRunning) {
					throw new LimitExceeded("maxRunningStatements", maxRunning, "Your limit of running statements ("
							+ maxRunning + ") is reached; wait for one to finish or cancel it");
				}
			}
			forgetOldest(entry.userId());
			executions.put(run.id(), run);
		}
		workers.execute(() -> {
			try {
				run.run();
			}
			finally {
				onEnd.accept(run);
			}
		});
		return run;
	}

	private void forgetOldest(UUID userId) {
		List<ExecutionRun> own = executions.values().stream().filter(r -> r.entry().userId().equals(userId))
			.filter(r -> !r.running()).sorted(Comparator.comparing(ExecutionRun::startedAt)).toList();
		for (int i = 0; i <= own.size() - settings.maxExecutionsPerUser(); i++) {
			forget(own.get(i));
		}
	}

	private void forget(ExecutionRun run) {
		executions.remove(run.id());
		run.releaseCursors();
	}

	/** The caller's execution; another user's is {@link NotFound} like a missing one. */
	public ExecutionRun execution(UUID id, UUID userId) {
		ExecutionRun run = executions.get(id);
		if (run == null || !run.entry().userId().equals(userId)) {
			throw new NotFound("SQL execution", id);
		}
		return run;
	}

	/** Closes every console session of a user (at logout). */
	public void closeSessionsOf(String username) {
		sessions.values().stream().filter(e -> e.username().equals(username)).forEach(this::remove);
	}

	/** The caller's open session; another user's is {@link NotFound} like a missing one. */
	public ConsoleEntry own(UUID sessionId, UUID userId) {
		ConsoleEntry entry = sessions.get(sessionId);
		if (entry == null || !entry.userId().equals(userId)) {
			throw new NotFound("SQL session", sessionId);
		}
		return entry;
	}

	/** Whether the session is still open (for tests and the API). */
	public boolean isOpen(UUID sessionId) {
		return sessions.containsKey(sessionId);
	}

	private void remove(ConsoleEntry entry) {
		sessions.remove(entry.id());
		workers.execute(entry::close); // closing may wait for a cancelled statement to end
	}

	void sweep() {
		try {
			Instant now = Instant.now();
			for (ConsoleEntry entry : sessions.values()) {
				if (!entry.busy() && entry.lastUsed().plus(settings.sessionIdleTimeout()).isBefore(now)) {
					sessions.remove(entry.id());
					entry.close();
				}
			}
			for (ExecutionRun run : executions.values()) {
				if (run.running()) {
					continue;
				}
				if (run.cursorOpen() && run.lastTouched().plus(settings.cursorIdleTimeout()).isBefore(now)
						&& run.entry().lock().tryLock()) {
					try {
						run.releaseCursors();
					}
					finally {
						run.entry().lock().unlock();
					}
				}
				if (run.lastTouched().plus(Duration.ofHours(1)).isBefore(now)) {
					forget(run);
				}
			}
		}
		catch (RuntimeException e) {
			// the next sweep tries again
		}
	}

	@Override
	public void destroy() {
		sweeper.shutdownNow();
		sessions.values().forEach(ConsoleEntry::close);
		sessions.clear();
		workers.shutdownNow();
	}
}
