package dev.steward.engine;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.CatalogModel.ObjectKind;

/**
 * What {@link TableDataCapability} reads and writes: rows of one relation as the console renders them (every
 * value a string or null, {@link ResultColumn.ValueKind} saying how to read it), requested by column names that
 * were checked against the catalog first.
 */
public final class TableData {

	private TableData() {
	}

	/** Typed filter operators; each adapter maps them to a fixed SQL (or query) shape with bound values. */
	public enum FilterOp {
		EQ, NE, LT, LE, GT, GE, CONTAINS, STARTS_WITH, IS_NULL, NOT_NULL, IN;

		/** Whether the operator takes no value ({@code IS NULL}). */
		public boolean unary() {
			return this == IS_NULL || this == NOT_NULL;
		}
	}

	/** How rows are paged: by the key (stable, every row once) or, without a key, by position. */
	public enum Paging {
		KEYSET, OFFSET
	}

	/** A column as the catalog knows it. */
	public record Column(String name, String dataType, boolean nullable) {
	}

	/**
	 * A table, view or collection as validated against the catalog.
	 *
	 * @param key        columns that identify a row (the primary key, else a unique not-null key); empty if none
	 * @param primaryKey whether {@code key} is the primary key (only then are rows editable)
	 */
	public record Relation(String database, String schema, String name, ObjectKind kind, List<Column> columns,
			List<String> key, boolean primaryKey) {

		public boolean editable() {
			return primaryKey && !key.isEmpty() && (kind == ObjectKind.TABLE || kind == ObjectKind.PARTITIONED_TABLE
					|| kind == ObjectKind.COLLECTION);
		}

		public boolean hasColumn(String column) {
			return columns.stream().anyMatch(c -> c.name().equals(column));
		}
	}

	public record Filter(String column, FilterOp op, List<@Nullable String> values) {
	}

	public record Sort(String column, boolean descending) {
	}

	/**
	 * One page.
	 *
	 * @param after  keyset paging: the cursor values of the last row seen (the sort column's, then the key's); null for
	 *               the first page
	 * @param offset offset paging: rows to skip
	 */
	public record PageRequest(Relation relation, @Nullable Sort sort, List<Filter> filters,
			@Nullable List<@Nullable String> after, long offset, int limit) {
	}

	/**
	 * @param nextAfter keyset paging: the cursor for the next page, null when this was the last
	 */
	public record Page(List<ResultColumn> columns, List<List<@Nullable String>> rows, Paging paging, boolean hasMore,
			@Nullable List<@Nullable String> nextAfter) {
	}

	public enum ChangeKind {
		UPDATE, INSERT, DELETE
	}

	/**
	 * One pending change.
	 *
	 * @param key      the row's key values (updates and deletes)
	 * @param original the values the client saw; the row must still have them (updates and deletes)
	 * @param values   the new values (updates: changed columns only; inserts: the columns given)
	 */
	public record RowChange(ChangeKind kind, Map<String, @Nullable String> key, Map<String, @Nullable String> original,
			Map<String, @Nullable String> values) {
	}

	/** A statement as it will be sent: placeholders in {@code sql}, values in {@code params}. */
	public record Statement(String sql, List<@Nullable String> params) {
	}

	public record ChangeResult(int updated, int inserted, int deleted) {
	}

	/** A row changed (or vanished) since the client read it: nothing was written. */
	public static class RowConflict extends RuntimeException {

		private final int index;

		public RowConflict(int index, String message) {
			super(message);
			this.index = index;
		}

		/** Which change (0-based) was refused. */
		public int index() {
			return index;
		}
	}
	/** Rows of a file being loaded into a relation, in file order. */
	public interface RowSource {

		/**
		 * The next row's values in the order of the columns being loaded (null is SQL NULL), or null at the end.
		 *
		 * @throws LoadFailed for a row the file cannot give (malformed, wrong number of fields)
		 */
		@Nullable List<@Nullable String> next() throws java.io.IOException;

		/** The 1-based line of the file where the row {@link #next} returned last starts. */
		long line();
	}

	/** How a running load learns that it must stop: the hook cancels its statement at the server. */
	public interface Cancellation {

		void onCancel(Runnable hook);

		boolean cancelled();
	}

	/**
	 * A load stopped at a row and wrote nothing: the file's line, the column when known, the reason (the engine's
	 * own words for a refused row).
	 */
	public static class LoadFailed extends RuntimeException {

		private final long line;

		private final @Nullable String column;

		private final boolean cancelled;

		public LoadFailed(long line, @Nullable String column, String message, boolean cancelled,
				@Nullable Throwable cause) {
			super(message, cause);
			this.line = line;
			this.column = column;
			this.cancelled = cancelled;
		}

		/** 1-based; 0 when the failure belongs to no row (the commit). */
		public long line() {
			return line;
		}

		public @Nullable String column() {
			return column;
		}

		public boolean cancelled() {
			return cancelled;
		}
	}
}
