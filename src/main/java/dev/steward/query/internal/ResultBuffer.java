package dev.steward.query.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ResultColumn;
import dev.steward.engine.StatementResult;
import dev.steward.query.ExecutionView;
import dev.steward.query.RowsReleased;

/**
 * One statement's result: its first page, and while its cursor is open a bounded window of the rows fetched so
 * far, so a client can page forward (fetching from the cursor) and a little back.
 */
final class ResultBuffer {

	private final int index;

	private final String statement;

	private final List<ResultColumn> columns;

	private final long updateCount;

	private final long durationMillis;

	private final List<List<@Nullable String>> firstPage;

	private final ArrayDeque<List<@Nullable String>> window = new ArrayDeque<>();

	/** Kept after its close too: it still answers the notices it collected (none for a failed statement). */
	private final @Nullable StatementResult source;

	private final ExecutionView.@Nullable ExecutionError error;

	private final int maxBuffered;

	private long windowStart;

	private long fetched;

	private @Nullable StatementResult cursor;

	ResultBuffer(int index, String statement, StatementResult result, int pageSize, int maxBuffered,
			boolean keepCursor, long startNanos) {
		this.index = index;
		this.statement = statement;
		this.columns = result.columns();
		this.updateCount = result.updateCount();
		this.maxBuffered = maxBuffered;
		this.source = result;
		this.error = null;
		this.firstPage = List.copyOf(result.fetch(pageSize).stream().map(ResultBuffer::copy).toList());
		this.fetched = firstPage.size();
		window.addAll(firstPage);
		this.durationMillis = (System.nanoTime() - startNanos) / 1_000_000;
		if (keepCursor && !result.exhausted()) {
			cursor = result;
		}
		else {
			// a script's earlier result keeps its first page only: the session moves on to the next statement
			result.close();
		}
	}

	/** A statement that failed in a script run with "continue on error". */
	ResultBuffer(int index, String statement, ExecutionView.ExecutionError error, long startNanos) {
		this.index = index;
		this.statement = statement;
		this.columns = List.of();
		this.updateCount = -1;
		this.maxBuffered = 0;
		this.source = null;
		this.error = error;
		this.firstPage = List.of();
		this.durationMillis = (System.nanoTime() - startNanos) / 1_000_000;
	}

	boolean failed() {
		return error != null;
	}

	private static List<@Nullable String> copy(List<@Nullable String> row) {
		return java.util.Collections.unmodifiableList(new ArrayList<>(row));
	}

	long rowsReturned() {
		return fetched;
	}

	long rowsAffected() {
		return Math.max(0, updateCount);
	}

	synchronized boolean cursorOpen() {
		return cursor != null;
	}

	/** Rows {@code offset …}; called under the session's lock when it may fetch. */
	synchronized List<List<@Nullable String>> rows(long offset, int limit) {
		if (offset < windowStart) {
			throw new RowsReleased("Rows before " + windowStart + " of this result were released; run it again");
		}
		StatementResult c = cursor;
		while (c != null && offset + limit > fetched) {
			List<List<@Nullable String>> more = c.fetch((int) Math.min(limit, offset + limit - fetched));
			for (List<@Nullable String> row : more) {
				window.addLast(copy(row));
				fetched++;
				if (window.size() > maxBuffered) {
					window.removeFirst();
					windowStart++;
				}
			}
			if (c.exhausted()) {
				closeCursor();
				c = null;
			}
			else if (more.isEmpty()) {
				break;
			}
		}
		if (offset < windowStart) {
			throw new RowsReleased("Rows before " + windowStart + " of this result were released; run it again");
		}
		List<List<@Nullable String>> out = new ArrayList<>();
		long i = windowStart;
		for (List<@Nullable String> row : window) {
			if (i >= offset + limit) {
				break;
			}
			if (i >= offset) {
				out.add(row);
			}
			i++;
		}
		return out;
	}

	synchronized boolean hasMore(long after) {
		return cursor != null || after < fetched;
	}

	synchronized void closeCursor() {
		StatementResult c = cursor;
		cursor = null;
		if (c != null) {
			try {
				c.close();
			}
			catch (RuntimeException e) {
				// the session is ending or the server went away; the rows are gone either way
			}
		}
	}

	synchronized ExecutionView.ResultView view() {
		return new ExecutionView.ResultView(index, statement, columns, firstPage, cursor != null
				|| fetched > firstPage.size(), updateCount, source == null ? List.of() : source.notices(), durationMillis,
				error);
	}
}
