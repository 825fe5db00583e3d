package dev.steward.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What one statement produced: rows through a server-side cursor, or an update count; and notices. */
public interface StatementResult extends AutoCloseable {

	/** Empty when the statement returned no rows. */
	List<ResultColumn> columns();

	/**
	 * Per column, the base table column it reads, or null when the driver cannot trace it (an expression, a function,
	 * a UNION). Asked only when needed: some drivers ask the server. Empty when the engine cannot trace at all.
	 */
	default List<@Nullable ColumnOrigin> origins() {
		return List.of();
	}

	/** Rows changed, or -1 when the statement returned rows or the engine does not say. */
	long updateCount();

	/** Notices and warnings the server sent so far (PostgreSQL {@code RAISE NOTICE}, MySQL warnings). */
	List<String> notices();

	/** Up to {@code max} further rows (values as {@link ResultColumn.ValueKind} strings, SQL NULL as null). */
	List<List<@Nullable String>> fetch(int max);

	/** True once every row was fetched. */
	boolean exhausted();

	/** Closes the cursor (ending the implicit transaction it ran in, if any). */
	@Override
	void close();
}
