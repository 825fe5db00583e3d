package dev.steward.query.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ConsoleSession;
import dev.steward.engine.ScriptStatement;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.StatementResult;
import dev.steward.masking.DataMasking;
import dev.steward.query.ExecutionStatus;
import dev.steward.query.ExecutionView;
import dev.steward.query.ExecutionView.ExecutionError;
import dev.steward.query.QueryProperties;
import dev.steward.query.RowsPage;
import dev.steward.shared.NotFound;

/**
 * One execution of a statement or script on a console session: runs its statements in order on a thread of its
 * own, stops at the first error (or, asked to, goes on and marks each failing statement), and keeps each statement's result (the last one's cursor open for paging).
 */
public final class ExecutionRun {

	private final UUID id;

	private final ConsoleEntry entry;

	private final String connectionName;

	private final String script;

	private final List<ScriptStatement> statements;

	private final QueryProperties settings;

	private final Instant startedAt = Instant.now();

	private final long startNanos = System.nanoTime();

	private final List<ResultBuffer> results = new CopyOnWriteArrayList<>();

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile ExecutionStatus status = ExecutionStatus.RUNNING;

	private volatile @Nullable ExecutionError error;

	private volatile long durationMillis = -1;

	private volatile boolean cancelRequested;

	private volatile boolean inTransaction;

	private final boolean continueOnError;

	private volatile int failed;

	private volatile Instant lastTouched = Instant.now();

	/** Applied to every result before its rows are read: data masking for a masked user. */
	private final DataMasking view;

	ExecutionRun(UUID id, ConsoleEntry entry, String connectionName, String script, List<ScriptStatement> statements,
			boolean continueOnError, QueryProperties settings, DataMasking view) {
		this.view = view;
		this.continueOnError = continueOnError;
		this.id = id;
		this.entry = entry;
		this.connectionName = connectionName;
		this.script = script;
		this.statements = statements;
		this.settings = settings;
	}

	public UUID id() {
		return id;
	}

	public ConsoleEntry entry() {
		return entry;
	}

	String connectionName() {
		return connectionName;
	}

	String script() {
		return script;
	}

	int statementCount() {
		return statements.size();
	}

	Instant startedAt() {
		return startedAt;
	}

	public ExecutionStatus status() {
		return status;
	}

	@Nullable ExecutionError error() {
		return error;
	}

	long durationMillis() {
		return durationMillis;
	}

	boolean running() {
		return status == ExecutionStatus.RUNNING;
	}

	Instant lastTouched() {
		return lastTouched;
	}

	long rowsAffected() {
		return results.stream().mapToLong(ResultBuffer::rowsAffected).sum();
	}

	long rowsReturned() {
		return results.stream().mapToLong(ResultBuffer::rowsReturned).sum();
	}

	/** Runs every statement; called once, on the execution's own thread. */
	void run() {
		entry.lock().lock();
		try {
			entry.switchTo(this);
			ConsoleSession session = null;
			try {
				session = entry.connection();
			}
			catch (RuntimeException e) {
				fail(error(0, "Could not open the console session: " + e.getMessage(), null, null));
				return;
			}
			ExecutionError first = null;
			for (int i = 0; i < statements.size(); i++) {
				if (cancelRequested) {
					end(ExecutionStatus.CANCELLED, error(i, "Cancelled", null, null));
					return;
				}
				ExecutionError failure = runOne(session, i);
				if (failure == null) {
					continue;
				}
				if (cancelRequested || "cancelled".equals(failure.sqlState())) {
					end(ExecutionStatus.CANCELLED, failure);
					return;
				}
				failed++;
				first = first == null ? failure : first;
				if (!continueOnError) {
					end(ExecutionStatus.FAILED, failure);
					return;
				}
				results.add(new ResultBuffer(i, abbreviate(statements.get(i).sql(), 2000), failure, System.nanoTime()));
			}
			end(first == null ? ExecutionStatus.COMPLETED : ExecutionStatus.FAILED, first);
		}
		finally {
			entry.touch();
			entry.lock().unlock();
		}
	}

	/** Runs statement {@code i}; its error, or null when it succeeded (its result then kept). */
	private @Nullable ExecutionError runOne(ConsoleSession session, int i) {
		ScriptStatement statement = statements.get(i);
		long start = System.nanoTime();
		try {
			StatementResult result = masked(session.execute(statement.sql(), settings.pageSize()));
			boolean last = i == statements.size() - 1;
			results.add(new ResultBuffer(i, abbreviate(statement.sql(), 2000), result, settings.pageSize(),
					settings.maxBufferedRows(), last, start));
			return null;
		}
		catch (StatementFailed e) {
			return error(i, e.getMessage(), e.cancelled() ? "cancelled" : e.sqlState(), e.position());
		}
		catch (RuntimeException e) {
			return error(i, String.valueOf(e.getMessage()), null, null);
		}
	}

	private StatementResult masked(StatementResult result) {
		try {
			return view.wrap(result);
		}
		catch (RuntimeException e) {
			result.close(); // never hand out rows whose masking could not be decided
			throw e;
		}
	}

	/** An error naming statement {@code i} by its index and first line, with the script line of the position. */
	private ExecutionError error(int i, String raw, @Nullable String sqlState, @Nullable Integer position) {
		String message = view.message(raw); // an error may quote a value ("invalid input syntax: …")
		String text = statements.get(i).sql().strip();
		int eol = text.indexOf('\n');
		String firstLine = abbreviate((eol < 0 ? text : text.substring(0, eol)).strip(), 120);
		return new ExecutionError(i, message, "cancelled".equals(sqlState) ? null : sqlState, position,
				line(i, position), firstLine);
	}

	private void fail(ExecutionError e) {
		end(cancelRequested ? ExecutionStatus.CANCELLED : ExecutionStatus.FAILED, e);
	}

	private void end(ExecutionStatus end, @Nullable ExecutionError failure) {
		inTransaction = entry.inTransaction();
		error = failure;
		durationMillis = (System.nanoTime() - startNanos) / 1_000_000;
		status = end;
		lastTouched = Instant.now();
		done.countDown();
	}

	/** The 1-based script line of a position in statement {@code index} (its start when there is none). */
	private int line(int index, @Nullable Integer position) {
		int at = statements.get(index).offset() + (position == null ? 0 : Math.max(0, position - 1));
		int line = 1;
		for (int i = 0; i < Math.min(at, script.length()); i++) {
			if (script.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	public void cancel() {
		cancelRequested = true;
		if (running()) {
			entry.cancelRunning();
			// a statement that was just being sent may miss the first request: repeat while it still runs
			Thread.ofVirtual().name("sql-cancel-" + id).start(() -> {
				for (int i = 0; i < 25 && running(); i++) {
					try {
						Thread.sleep(200);
					}
					catch (InterruptedException e) {
						return;
					}
					if (running()) {
						entry.cancelRunning();
					}
				}
			});
		}
	}

	/** Waits up to {@code millis} for the execution to end. */
	public void await(long millis) throws InterruptedException {
		done.await(millis, TimeUnit.MILLISECONDS);
	}

	public RowsPage rows(int result, long offset, int limit) {
		if (result < 0 || result >= results.size()) {
			throw new NotFound("Result", result);
		}
		lastTouched = Instant.now();
		ResultBuffer buffer = results.get(result);
		if (!buffer.cursorOpen()) {
			List<List<@Nullable String>> rows = buffer.rows(offset, limit);
			return new RowsPage(result, offset, rows, buffer.hasMore(offset + rows.size()));
		}
		if (running()) {
			throw new dev.steward.shared.Conflict("The execution is still running");
		}
		try {
			// the session may be running a later statement (which closes this cursor): do not wait for it
			if (!entry.lock().tryLock(2, TimeUnit.SECONDS)) {
				throw new dev.steward.shared.Conflict("The console session is running another statement");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new dev.steward.shared.Conflict("Interrupted while waiting for the console session");
		}
		try {
			if (entry.closed() || entry.current() != this) {
				buffer.closeCursor();
			}
			List<List<@Nullable String>> rows = buffer.rows(offset, limit);
			entry.touch();
			return new RowsPage(result, offset, rows, buffer.hasMore(offset + rows.size()));
		}
		finally {
			entry.lock().unlock();
		}
	}

	/** Closes the open cursors (the user moved on, or the cursor idled out). */
	void releaseCursors() {
		for (ResultBuffer r : results) {
			r.closeCursor();
		}
	}

	boolean cursorOpen() {
		return results.stream().anyMatch(ResultBuffer::cursorOpen);
	}

	public ExecutionView view() {
		long duration = durationMillis >= 0 ? durationMillis : (System.nanoTime() - startNanos) / 1_000_000;
		return new ExecutionView(id, entry.id(), entry.connectionId(), entry.database(), status, statements.size(),
				startedAt, duration, entry.readOnly(), inTransaction, continueOnError, failed, results.stream().map(ResultBuffer::view).toList(),
				error);
	}

	static String abbreviate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max) + "…";
	}
}
