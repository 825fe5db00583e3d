package dev.steward.query.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.ConsoleOptions;
import dev.steward.engine.ConsoleSession;
import dev.steward.engine.QueryCapability;

/**
 * One user's console session on one connection and database: the target connection is opened by the first
 * execution (never on the request thread) and held until idle, logout or eviction. Statements and page fetches
 * run under {@link #lock()}, one at a time.
 */
public final class ConsoleEntry {

	private final UUID id;

	private final UUID userId;

	private final String username;

	private final UUID connectionId;

	private final @Nullable String database;

	private final boolean readOnly;

	private final QueryCapability engine;

	private final Supplier<ConnectionSpec> reach;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile @Nullable ConsoleSession session;

	private volatile @Nullable ExecutionRun current;

	private volatile Instant lastUsed = Instant.now();

	private volatile boolean closed;

	ConsoleEntry(UUID id, UUID userId, String username, UUID connectionId, @Nullable String database,
			boolean readOnly, QueryCapability engine, Supplier<ConnectionSpec> reach) {
		this.id = id;
		this.userId = userId;
		this.username = username;
		this.connectionId = connectionId;
		this.database = database;
		this.readOnly = readOnly;
		this.engine = engine;
		this.reach = reach;
	}

	public UUID id() {
		return id;
	}

	public UUID userId() {
		return userId;
	}

	String username() {
		return username;
	}

	public UUID connectionId() {
		return connectionId;
	}

	public @Nullable String database() {
		return database;
	}

	public boolean readOnly() {
		return readOnly;
	}

	QueryCapability engine() {
		return engine;
	}

	ReentrantLock lock() {
		return lock;
	}

	Instant lastUsed() {
		return lastUsed;
	}

	void touch() {
		lastUsed = Instant.now();
	}

	boolean closed() {
		return closed;
	}

	@Nullable ExecutionRun current() {
		return current;
	}

	/** The execution now using the session; the previous one's cursor is released ("the user moved on"). */
	void switchTo(ExecutionRun next) {
		ExecutionRun previous = current;
		current = next;
		if (previous != null && previous != next) {
			previous.releaseCursors();
		}
	}

	/** The session's connection, opened now if needed; called under the lock. */
	ConsoleSession connection() {
		ConsoleSession s = session;
		if (s == null || !s.isOpen()) {
			s = engine.open(reach.get(), new ConsoleOptions(database, readOnly));
			session = s;
		}
		return s;
	}

	/** Cancels whatever the session is running at the server. */
	void cancelRunning() {
		ConsoleSession s = session;
		if (s != null) {
			s.cancel();
		}
	}

	public boolean inTransaction() {
		ConsoleSession s = session;
		return s != null && s.isOpen() && s.inTransaction();
	}

	public boolean busy() {
		ExecutionRun run = current;
		return run != null && run.running();
	}

	/** Ends the session: cancels a running statement, releases cursors and closes the target connection. */
	void close() {
		closed = true;
		cancelRunning();
		lock.lock();
		try {
			ExecutionRun run = current;
			if (run != null) {
				run.releaseCursors();
			}
			ConsoleSession s = session;
			session = null;
			if (s != null) {
				s.close();
			}
		}
		finally {
			lock.unlock();
		}
	}
}
