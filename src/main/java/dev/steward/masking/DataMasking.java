package dev.steward.masking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.ColumnOrigin;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.StatementResult;
import dev.steward.masking.internal.CatalogColumns.Catalog;
import dev.steward.masking.internal.CompiledPolicy;
import dev.steward.masking.internal.Masks;
import dev.steward.masking.internal.SqlWords;

/**
 * Masking as it applies to one user on one connection and database; from {@link ResultMasking#forUser}. Inactive
 * (everything in clear) for a user whose role views unmasked data, or when no policy concerns the connection.
 * What cannot be proven clear is masked: a column the driver cannot trace to a base table, or traced to a view,
 * while the database holds a masked column; everything when the database's catalog cannot be read.
 */
public final class DataMasking {

	private static final DataMasking NONE = new DataMasking(null, List.of(), List.of(), () -> Optional.empty());

	private final @Nullable UUID connectionId;

	private final List<CompiledPolicy> policies;

	private final List<String> databases;

	private final Supplier<Optional<Catalog>> catalog;

	private volatile @Nullable Boolean holds;

	DataMasking(@Nullable UUID connectionId, List<CompiledPolicy> policies, List<String> databases,
			Supplier<Optional<Catalog>> catalog) {
		this.connectionId = connectionId;
		this.policies = policies;
		this.databases = databases;
		this.catalog = catalog;
	}

	/** Everything in clear. */
	public static DataMasking none() {
		return NONE;
	}

	/** Whether anything may be masked at all. */
	public boolean active() {
		return connectionId != null && !policies.isEmpty();
	}

	/**
	 * Refuses a statement that may change data while the database holds masked columns: a masked user could
	 * otherwise copy a masked value somewhere it is not masked, or probe it.
	 */
	public void checkStatement(String sql) {
		if (active() && SqlWords.changesData(sql) && holdsMaskedColumns()) {
			throw new MaskedDataRefused("This database holds masked columns: your role may only read it here "
					+ "(statements that change data or create objects are refused)");
		}
	}

	/**
	 * A server message as a masked user may read it: where masked columns live, quoted and parenthesised parts are
	 * redacted, since errors and notices quote values ({@code invalid input syntax for type integer: "…"},
	 * {@code Key (email)=(…) already exists}).
	 */
	public String message(String message) {
		if (!active() || !holdsMaskedColumns()) {
			return message;
		}
		return message.replaceAll("\"[^\"]*\"", "\"****\"").replaceAll("'[^']*'", "'****'")
			.replaceAll("\\([^()]*\\)", "(****)");
	}

	/** {@code e} as a masked user may read it: a statement's failure with its message passed through {@link #message}. */
	public RuntimeException failure(RuntimeException e) {
		if (e instanceof StatementFailed f && active() && holdsMaskedColumns()) {
			return new StatementFailed(message(String.valueOf(f.getMessage())), f.sqlState(), f.position(),
					f.cancelled(), null);
		}
		return e;
	}

	/** The result with masked columns masked as rows are fetched; the result itself when nothing is masked. */
	public StatementResult wrap(StatementResult result) {
		if (!active() || (result.columns().isEmpty() && result.notices().isEmpty())) {
			return result;
		}
		if (result.columns().isEmpty()) {
			return holdsMaskedColumns() ? new MaskedResult(result, List.of(), this::message) : result;
		}
		List<ResultColumn> columns = result.columns();
		List<@Nullable ColumnOrigin> origins = result.origins();
		List<@Nullable Function<@Nullable String, @Nullable String>> masks = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			ColumnOrigin origin = origins.size() == columns.size() ? origins.get(i) : null;
			masks.add(origin == null ? untraced()
					: mask(origin.schema(), origin.table(), origin.column(), columns.get(i).type()));
		}
		return masks.stream().allMatch(m -> m == null) && !holdsMaskedColumns() ? result
				: new MaskedResult(result, masks, this::message);
	}

	/** The grid's masks for the columns of one table or view ({@code columns} as the engine reads them). */
	public RowMasker forTable(String schema, String table, List<ResultColumn> columns) {
		List<@Nullable Function<@Nullable String, @Nullable String>> masks = new ArrayList<>();
		for (ResultColumn c : columns) {
			masks.add(active() ? mask(schema, table, c.name(), c.type()) : null);
		}
		return new RowMasker(columns.stream().map(ResultColumn::name).toList(), masks);
	}

	/** Whether a table (not a view) holds a masked column. */
	public boolean tableMasked(String schema, String table) {
		if (!active()) {
			return false;
		}
		Optional<Catalog> c = catalog.get();
		if (c.isEmpty() || !c.get().isBaseTable(schema, table)) {
			return holdsMaskedColumns();
		}
		return c.get().tables().getOrDefault(key(schema, table), List.of()).stream()
			.anyMatch(col -> policy(col.schema(), col.table(), col.name(), col.type()) != null);
	}

	private static String key(String schema, String table) {
		return schema + "\u0000" + table;
	}

	/** The mask of a column of {@code schema.table}: its policy's on a base table, the blanket one otherwise. */
	private @Nullable Function<@Nullable String, @Nullable String> mask(String schema, String table, String column,
			@Nullable String type) {
		Optional<Catalog> c = catalog.get();
		if (c.isEmpty()) {
			return REDACT;
		}
		if (!c.get().isBaseTable(schema, table)) {
			// a view (or anything else) may show a masked column under any name
			return untraced();
		}
		String declared = c.get().column(schema, table, column).map(col -> col.type()).orElse(type);
		CompiledPolicy p = policy(schema, table, column, declared);
		return p == null ? null : p::mask;
	}

	private @Nullable Function<@Nullable String, @Nullable String> untraced() {
		return holdsMaskedColumns() ? REDACT : null;
	}

	private static final Function<@Nullable String, @Nullable String> REDACT = v -> v == null ? null
			: Masks.REDACTED;

	private @Nullable CompiledPolicy policy(String schema, String table, String column, @Nullable String type) {
		UUID id = connectionId;
		if (id == null) {
			return null;
		}
		Collection<String> dbs = new ArrayList<>(databases);
		dbs.add(schema); // engines without schemas trace a column's database as its schema
		// an explicit policy wins over a rule
		for (CompiledPolicy p : policies) {
			if (p.policy().explicit() && p.matches(id, dbs, schema, table, column, type)) {
				return p;
			}
		}
		for (CompiledPolicy p : policies) {
			if (!p.policy().explicit() && p.matches(id, dbs, schema, table, column, type)) {
				return p;
			}
		}
		return null;
	}

	/** Whether any base table column of the database is masked (true when the catalog cannot be read). */
	public boolean holdsMaskedColumns() {
		if (!active()) {
			return false;
		}
		Boolean known = holds;
		if (known != null) {
			return known;
		}
		Optional<Catalog> c = catalog.get();
		boolean any = c.isEmpty() || c.get().tables().values().stream().flatMap(List::stream)
			.anyMatch(col -> policy(col.schema(), col.table(), col.name(), col.type()) != null);
		holds = any;
		return any;
	}

	/** Masks the values of rows column by column. */
	public static final class RowMasker {

		private final List<String> names;

		private final List<@Nullable Function<@Nullable String, @Nullable String>> masks;

		RowMasker(List<String> names, List<@Nullable Function<@Nullable String, @Nullable String>> masks) {
			this.names = names;
			this.masks = masks;
		}

		public boolean masks(String column) {
			int i = names.indexOf(column);
			return i >= 0 && masks.get(i) != null;
		}

		public boolean any() {
			return masks.stream().anyMatch(m -> m != null);
		}

		public List<@Nullable String> row(List<@Nullable String> row) {
			return DataMasking.apply(masks, row);
		}
	}

	static List<@Nullable String> apply(List<@Nullable Function<@Nullable String, @Nullable String>> masks,
			List<@Nullable String> row) {
		List<@Nullable String> out = new ArrayList<>(row.size());
		for (int i = 0; i < row.size(); i++) {
			var m = i < masks.size() ? masks.get(i) : REDACT;
			out.add(m == null ? row.get(i) : m.apply(row.get(i)));
		}
		return java.util.Collections.unmodifiableList(out);
	}

	/** A result whose rows come out masked. */
	private record MaskedResult(StatementResult source,
			List<@Nullable Function<@Nullable String, @Nullable String>> masks, Function<String, String> messages)
			implements StatementResult {

		@Override
		public List<ResultColumn> columns() {
			return source.columns();
		}

		@Override
		public List<@Nullable ColumnOrigin> origins() {
			return source.origins();
		}

		@Override
		public long updateCount() {
			return source.updateCount();
		}

		@Override
		public List<String> notices() {
			return source.notices().stream().map(messages).toList();
		}

		@Override
		public List<List<@Nullable String>> fetch(int max) {
			List<List<@Nullable String>> rows;
			try {
				rows = source.fetch(max);
			}
			catch (StatementFailed e) {
				// a later page's error (a cast of a masked value) may quote the value
				throw new StatementFailed(messages.apply(String.valueOf(e.getMessage())), e.sqlState(), e.position(),
						e.cancelled(), null);
			}
			return masks.isEmpty() ? rows : rows.stream().map(r -> apply(masks, r)).toList();
		}

		@Override
		public boolean exhausted() {
			return source.exhausted();
		}

		@Override
		public void close() {
			source.close();
		}
	}
}
